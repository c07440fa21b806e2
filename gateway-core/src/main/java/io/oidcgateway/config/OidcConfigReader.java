package io.oidcgateway.config;

import static io.oidcgateway.config.ConfigKeys.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code oidc.*} keys: the IdP, the client registration, its key material and login options. */
final class OidcConfigReader {
    /** Entra ID's tenant-independent endpoints: their ID tokens carry the user's tenant as issuer. */
    private static final Set<String> ENTRA_MULTI_TENANT = Set.of("common", "organizations", "consumers");

    /** Authorization parameters the gateway sets itself; a configured extra parameter may not replace them. */
    private static final Set<String> RESERVED_AUTH_PARAMS = Set.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "nonce", "code_challenge", "code_challenge_method", "response_mode");

    private final ValueReader r;

    OidcConfigReader(ValueReader r) {
        this.r = r;
    }

    OidcConfig oidc(DemoConfig demo) {
        URI issuer = issuer();
        String clientId = r.optional(OIDC_CLIENT_ID).orElseGet(() -> {
            r.problem(OIDC_CLIENT_ID, "is required: the application (client) id registered at the IdP");
            return "";
        });
        List<String> scopes = r.parse(OIDC_SCOPES, OidcConfig.DEFAULT_SCOPES,
                v -> List.of(v.trim().split("[\\s,]+")));
        if (!scopes.contains("openid")) {
            r.problem(OIDC_SCOPES, "must include openid, or the IdP returns no ID token");
        }
        ClientAuthMethod method = r.parse(OIDC_CLIENT_AUTH, OidcConfig.DEFAULT_CLIENT_AUTH,
                v -> ClientAuthMethod.fromConfigName(v).orElseThrow(() -> new IllegalArgumentException(
                        "write private_key_jwt, client_secret_basic or client_secret_post")));
        AssertionConfig assertion = assertion();
        Optional<Secret> secret = r.optional(OIDC_CLIENT_SECRET).map(Secret::new);
        Optional<ClientKeyConfig> clientKey = Optional.empty();
        if (method.usesSecret()) {
            if (secret.isEmpty()) {
                r.problem(OIDC_CLIENT_SECRET, "is required when oidc.client-auth is " + method.configName());
            }
        } else {
            if (secret.isPresent()) {
                r.problem(OIDC_CLIENT_SECRET, "is set but oidc.client-auth is private_key_jwt, which never sends"
                        + " it; remove it or set oidc.client-auth=client_secret_basic");
            }
            clientKey = clientKey(demo);
        }
        Optional<URI> postLogout = r.optional(OIDC_POST_LOGOUT_REDIRECT_URI)
                .map(v -> r.httpUrl(OIDC_POST_LOGOUT_REDIRECT_URI, v));
        return new OidcConfig(issuer, clientId, scopes, method, secret, clientKey, assertion, postLogout,
                loginOptions());
    }

    LoginOptions loginOptions() {
        Map<String, String> extra = r.parse(OIDC_EXTRA_AUTH_PARAMS, Map.of(), v -> {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            for (String pair : v.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new IllegalArgumentException("write name=value pairs joined by &, e.g. resource=x&foo=bar");
                }
                if (RESERVED_AUTH_PARAMS.contains(kv[0].trim())) {
                    throw new IllegalArgumentException("'" + kv[0].trim() + "' is set by the gateway itself");
                }
                params.put(kv[0].trim(), kv[1].trim());
            }
            return params;
        });
        boolean formPost = r.parse(OIDC_RESPONSE_MODE, false, v -> switch (v) {
            case "query" -> false;
            case "form_post" -> true;
            default -> throw new IllegalArgumentException("write query or form_post");
        });
        return new LoginOptions(r.optional(OIDC_PROMPT), r.optional(OIDC_LOGIN_HINT), r.optional(OIDC_DOMAIN_HINT),
                extra, formPost);
    }

    URI issuer() {
        URI issuer = r.httpUrl(OIDC_ISSUER, null);
        String host = issuer.getHost();
        if ("http".equals(issuer.getScheme()) && !ConfigLoader.loopback(issuer)) {
            r.problem(OIDC_ISSUER, "must be https:// (plain http is only accepted for localhost)");
        }
        String path = issuer.getPath() == null ? "" : issuer.getPath();
        String firstSegment = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).findFirst().orElse("");
        if (host != null && host.startsWith("login.microsoftonline.")
                && ENTRA_MULTI_TENANT.contains(firstSegment.toLowerCase(Locale.ROOT))) {
            r.problem(OIDC_ISSUER, "'" + firstSegment + "' is Entra ID's multi-tenant endpoint, whose ID tokens"
                    + " name each user's own tenant as issuer; use your tenant id:"
                    + " https://login.microsoftonline.com/<tenant-id>/v2.0");
        }
        return issuer;
    }

    AssertionConfig assertion() {
        AssertionAlgorithm alg = r.parse(OIDC_ASSERTION_ALG, AssertionConfig.DEFAULT_ALGORITHM,
                v -> AssertionAlgorithm.fromJoseName(v).orElseThrow(() -> new IllegalArgumentException(
                        "write RS256, PS256 or ES256")));
        Set<AssertionHeader> headers = r.parse(OIDC_ASSERTION_HEADERS, AssertionConfig.DEFAULT_HEADERS, v -> {
            Set<AssertionHeader> set = new LinkedHashSet<>();
            for (String name : v.trim().split("[\\s,]+")) {
                set.add(AssertionHeader.fromHeaderName(name).orElseThrow(() -> new IllegalArgumentException(
                        "'" + name + "' is not one of x5t, x5t#S256, kid, x5c")));
            }
            return set;
        });
        if (headers.stream().noneMatch(h -> h != AssertionHeader.X5C)) {
            r.problem(OIDC_ASSERTION_HEADERS, "name at least one of x5t, x5t#S256 or kid: without one Entra ID"
                    + " refuses the assertion with AADSTS5002723");
        }
        Optional<URI> audience = r.optional(OIDC_ASSERTION_AUDIENCE).map(v -> r.httpUrl(OIDC_ASSERTION_AUDIENCE, v));
        Duration lifetime = r.duration(OIDC_ASSERTION_LIFETIME, AssertionConfig.DEFAULT_LIFETIME);
        if (lifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            r.problem(OIDC_ASSERTION_LIFETIME, "at most 10m: a client assertion is a short-lived credential"
                    + " and some IdPs refuse longer ones");
        }
        return new AssertionConfig(alg, headers, audience, lifetime);
    }

    private Optional<ClientKeyConfig> keyStore(Optional<String> type) {
        Path file = r.existingFile(OIDC_CLIENT_KEYSTORE);
        Optional<String> password = r.optional(OIDC_CLIENT_KEYSTORE_PASSWORD);
        if (password.isEmpty()) {
            r.problem(OIDC_CLIENT_KEYSTORE_PASSWORD, "is required with oidc.client-keystore;"
                    + " use ${env:NAME} or ${file:PATH} to keep it out of the file");
        }
        return file == null || password.isEmpty() ? Optional.empty()
                : Optional.of(new ClientKeyConfig.KeyStoreFile(file, new Secret(password.get()), type));
    }

    /** Where the key material is; {@code clientauth} loads and checks it (a {@link ConfigCheck}). */
    private Optional<ClientKeyConfig> clientKey(DemoConfig demo) {
        Optional<String> type = r.optional(OIDC_CLIENT_KEYSTORE_TYPE).map(t -> t.trim().toUpperCase(Locale.ROOT));
        if (type.isPresent() && !List.of("PKCS12", "JKS", "PKCS11").contains(type.get())) {
            r.problem(OIDC_CLIENT_KEYSTORE_TYPE, "write PKCS12, JKS or PKCS11");
            return Optional.empty();
        }
        if (type.filter("PKCS11"::equals).isPresent()) {
            return Pkcs11ConfigReader.read(r);
        }
        boolean pem = r.optional(OIDC_CLIENT_CERTIFICATE).isPresent() || r.optional(OIDC_CLIENT_KEY).isPresent();
        boolean keystore = r.optional(OIDC_CLIENT_KEYSTORE).isPresent();
        if (pem && keystore) {
            r.problem(OIDC_CLIENT_KEYSTORE, "set either oidc.client-keystore or oidc.client-certificate +"
                    + " oidc.client-key, not both");
            return Optional.empty();
        }
        if (!pem && !keystore) {
            if (demo.identityProvider()) {
                return Optional.of(new ClientKeyConfig.DemoEphemeral());
            }
            r.problem(OIDC_CLIENT_CERTIFICATE, "private_key_jwt needs oidc.client-certificate + oidc.client-key,"
                    + " or oidc.client-keystore; create a pair with './run.sh cert new --out config/'");
            return Optional.empty();
        }
        if (keystore) {
            return keyStore(type);
        }
        if (r.optional(OIDC_CLIENT_CERTIFICATE).isEmpty() || r.optional(OIDC_CLIENT_KEY).isEmpty()) {
            String missing = r.optional(OIDC_CLIENT_KEY).isEmpty() ? OIDC_CLIENT_KEY : OIDC_CLIENT_CERTIFICATE;
            r.problem(missing, "is required: oidc.client-certificate and oidc.client-key go together");
            return Optional.empty();
        }
        Path cert = r.existingFile(OIDC_CLIENT_CERTIFICATE);
        Path key = r.existingFile(OIDC_CLIENT_KEY);
        return cert == null || key == null ? Optional.empty() : Optional.of(new ClientKeyConfig.PemFiles(cert, key));
    }
}
