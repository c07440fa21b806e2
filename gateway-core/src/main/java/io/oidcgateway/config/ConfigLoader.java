package io.oidcgateway.config;

import static io.oidcgateway.config.ConfigKeys.*;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyMaterialException;
import io.oidcgateway.clientauth.KeyMaterialLoader;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds a {@link GatewayConfig} from a properties file, environment overrides and
 * references, reporting every problem at once. Key material is loaded here too, so a
 * wrong key or password stops start-up like any other configuration mistake.
 */
public final class ConfigLoader {
    /** Entra ID's tenant-independent endpoints: their ID tokens carry the user's tenant as issuer. */
    private static final Set<String> ENTRA_MULTI_TENANT = Set.of("common", "organizations", "consumers");

    /** Authorization parameters the gateway sets itself; a configured extra parameter may not replace them. */
    private static final Set<String> RESERVED_AUTH_PARAMS = Set.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "nonce", "code_challenge", "code_challenge_method", "response_mode");

    private final Map<String, String> env;
    private final Clock clock;

    public ConfigLoader(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    public GatewayConfig load(Path file) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem("config file", file.toString(),
                    "cannot be read (" + e.getClass().getSimpleName() + "); pass --config FILE")));
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return load(map, file.toAbsolutePath().getParent());
    }

    public GatewayConfig load(Map<String, String> properties, Path baseDir) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        ValueReader r = new ValueReader(new ConfigValues(properties, env, baseDir, problems), problems);

        ServerConfig server = new ServerConfig(
                r.string(SERVER_HOST, ServerConfig.DEFAULT_HOST),
                r.integer(SERVER_PORT, ServerConfig.DEFAULT_PORT, 0, 65535),
                r.publicUrl());
        UpstreamConfig upstream = new UpstreamConfig(
                r.httpUrl(UPSTREAM_URL, null), r.duration(UPSTREAM_TIMEOUT, UpstreamConfig.DEFAULT_TIMEOUT),
                r.routes(), r.identityHeaders());
        DemoConfig demo = new DemoConfig(r.bool(DEMO_IDENTITY_PROVIDER, false), r.bool(DEMO_UPSTREAM, false));
        OidcConfig oidc = r.oidc(demo);
        SessionConfig session = new SessionConfig(
                r.cookieName(),
                r.duration(SESSION_TTL, SessionConfig.DEFAULT_TTL),
                r.duration(SESSION_IDLE_TIMEOUT, SessionConfig.DEFAULT_IDLE_TIMEOUT),
                r.integer(SESSION_MAX_ENTRIES, SessionConfig.DEFAULT_MAX_ENTRIES, 1, Integer.MAX_VALUE),
                r.duration(SESSION_LOGIN_TIMEOUT, SessionConfig.DEFAULT_LOGIN_TIMEOUT),
                r.integer(SESSION_MAX_PENDING_LOGINS, SessionConfig.DEFAULT_MAX_PENDING_LOGINS, 1, Integer.MAX_VALUE),
                r.duration(SESSION_REFRESH_BEFORE, SessionConfig.DEFAULT_REFRESH_BEFORE));
        AccessConfig access = r.access();

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new GatewayConfig(server, upstream, oidc, session, access, demo);
    }

    /** Typed access to the values; each failure becomes a problem and a placeholder so parsing goes on. */
    private final class ValueReader {
        private final ConfigValues values;
        private final List<ConfigProblem> problems;

        ValueReader(ConfigValues values, List<ConfigProblem> problems) {
            this.values = values;
            this.problems = problems;
        }

        void problem(String key, String message) {
            String shown = SECRETS.contains(key) ? "(hidden)" : values.get(key).orElse(null);
            problems.add(new ConfigProblem(key, shown, message));
        }

        String string(String key, String defaultValue) {
            return values.get(key).orElse(defaultValue);
        }

        Optional<String> optional(String key) {
            return values.get(key);
        }

        <T> T parse(String key, T defaultValue, Function<String, T> parser) {
            Optional<String> raw = values.get(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            try {
                return parser.apply(raw.get());
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return defaultValue;
            }
        }

        boolean bool(String key, boolean defaultValue) {
            return parse(key, defaultValue, v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new IllegalArgumentException("write true or false");
            });
        }

        int integer(String key, long defaultValue, long min, long max) {
            return parse(key, (int) defaultValue, v -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a whole number");
                }
                if (n < min || n > max) {
                    throw new IllegalArgumentException("must be between " + min + " and " + max);
                }
                return (int) n;
            });
        }

        Duration duration(String key, Duration defaultValue) {
            return parse(key, defaultValue, v -> {
                Duration d = Durations.parse(v);
                if (d.isZero()) {
                    throw new IllegalArgumentException("must be longer than zero");
                }
                return d;
            });
        }

        /** An absolute http(s) URL without query or fragment; {@code null} default means required. */
        URI httpUrl(String key, String defaultValue) {
            Optional<String> raw = values.get(key);
            if (raw.isEmpty() && defaultValue == null) {
                problem(key, "is required (an http:// or https:// URL)");
                return URI.create("http://invalid.invalid");
            }
            String text = raw.orElse(defaultValue);
            try {
                URI uri = new URI(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(text, "write an absolute http:// or https:// URL");
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new URISyntaxException(text, "must not have a query or fragment");
                }
                return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            } catch (URISyntaxException e) {
                problem(key, e.getReason());
                return URI.create("http://invalid.invalid");
            }
        }

        URI publicUrl() {
            URI uri = httpUrl(SERVER_PUBLIC_URL, ServerConfig.DEFAULT_PUBLIC_URL);
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                problem(SERVER_PUBLIC_URL, "must be the site root (no path): the gateway serves /oauth2/* at the root");
            }
            return uri;
        }

        String cookieName() {
            String name = string(SESSION_COOKIE_NAME, SessionConfig.DEFAULT_COOKIE_NAME);
            if (!name.matches("[A-Za-z0-9_\\-]{1,64}")) {
                problem(SESSION_COOKIE_NAME, "use 1 to 64 letters, digits, '_' or '-'");
                return SessionConfig.DEFAULT_COOKIE_NAME;
            }
            return name;
        }

        Path existingFile(String key) {
            Path path = values.resolvePath(values.get(key).orElseThrow());
            if (!Files.isRegularFile(path)) {
                problem(key, "file not found: " + path + " (relative paths start at the config file's folder)");
                return null;
            }
            if (!Files.isReadable(path)) {
                problem(key, "file not readable: " + path);
                return null;
            }
            return path;
        }

        OidcConfig oidc(DemoConfig demo) {
            URI issuer = issuer();
            String clientId = optional(OIDC_CLIENT_ID).orElseGet(() -> {
                problem(OIDC_CLIENT_ID, "is required: the application (client) id registered at the IdP");
                return "";
            });
            List<String> scopes = parse(OIDC_SCOPES, OidcConfig.DEFAULT_SCOPES,
                    v -> List.of(v.trim().split("[\\s,]+")));
            if (!scopes.contains("openid")) {
                problem(OIDC_SCOPES, "must include openid, or the IdP returns no ID token");
            }
            ClientAuthMethod method = parse(OIDC_CLIENT_AUTH, OidcConfig.DEFAULT_CLIENT_AUTH,
                    v -> ClientAuthMethod.fromConfigName(v).orElseThrow(() -> new IllegalArgumentException(
                            "write private_key_jwt, client_secret_basic or client_secret_post")));
            AssertionConfig assertion = assertion();
            Optional<Secret> secret = optional(OIDC_CLIENT_SECRET).map(Secret::new);
            Optional<ClientCredentials> credentials = Optional.empty();
            if (method.usesSecret()) {
                if (secret.isEmpty()) {
                    problem(OIDC_CLIENT_SECRET, "is required when oidc.client-auth is " + method.configName());
                }
            } else {
                if (secret.isPresent()) {
                    problem(OIDC_CLIENT_SECRET, "is set but oidc.client-auth is private_key_jwt, which never sends"
                            + " it; remove it or set oidc.client-auth=client_secret_basic");
                }
                credentials = credentials(demo, assertion.algorithm());
            }
            Optional<URI> postLogout = optional(OIDC_POST_LOGOUT_REDIRECT_URI)
                    .map(v -> httpUrl(OIDC_POST_LOGOUT_REDIRECT_URI, v));
            return new OidcConfig(issuer, clientId, scopes, method, secret, credentials, assertion, postLogout,
                    loginOptions());
        }

        LoginOptions loginOptions() {
            Map<String, String> extra = parse(OIDC_EXTRA_AUTH_PARAMS, Map.of(), v -> {
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
            boolean formPost = parse(OIDC_RESPONSE_MODE, false, v -> switch (v) {
                case "query" -> false;
                case "form_post" -> true;
                default -> throw new IllegalArgumentException("write query or form_post");
            });
            return new LoginOptions(optional(OIDC_PROMPT), optional(OIDC_LOGIN_HINT), optional(OIDC_DOMAIN_HINT),
                    extra, formPost);
        }

        Set<String> set(String key) {
            return parse(key, Set.<String>of(), v -> Set.of(v.trim().split("\\s*,\\s*")));
        }

        AccessConfig access() {
            List<SkipPath> skipPaths = parse(ACCESS_SKIP_PATHS, List.of(),
                    v -> java.util.Arrays.stream(v.split(",")).map(SkipPath::parse).toList());
            Set<String> domains = set(ACCESS_ALLOWED_EMAIL_DOMAINS);
            for (String domain : domains) {
                if (!domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
                    problem(ACCESS_ALLOWED_EMAIL_DOMAINS, "'" + domain + "' is not a domain such as example.com");
                }
            }
            return new AccessConfig(skipPaths,
                    domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet()),
                    set(ACCESS_ALLOWED_GROUPS), string(ACCESS_GROUPS_CLAIM, AccessConfig.DEFAULT_GROUPS_CLAIM),
                    set(ACCESS_ALLOWED_USERS), set(ACCESS_BEARER_AUDIENCES), bool(ACCESS_ALLOW_UNVERIFIED_EMAIL, false));
        }

        IdentityHeaders identityHeaders() {
            IdentityHeaders d = IdentityHeaders.DEFAULTS;
            return new IdentityHeaders(bool(UPSTREAM_HEADERS_USER, d.user()), bool(UPSTREAM_HEADERS_EMAIL, d.email()),
                    bool(UPSTREAM_HEADERS_PREFERRED_USERNAME, d.preferredUsername()),
                    bool(UPSTREAM_HEADERS_GROUPS, d.groups()), bool(UPSTREAM_HEADERS_ID_TOKEN, d.idToken()),
                    bool(UPSTREAM_HEADERS_ACCESS_TOKEN, d.accessToken()));
        }

        List<RouteConfig> routes() {
            Set<String> names = new java.util.TreeSet<>();
            for (String key : values.keysMatching(ROUTE_KEY)) {
                java.util.regex.Matcher m = ROUTE_KEY.matcher(key);
                if (m.matches()) {
                    names.add(m.group(1));
                }
            }
            List<RouteConfig> routes = new ArrayList<>();
            Set<String> prefixes = new java.util.HashSet<>();
            for (String name : names) {
                String pathKey = "route." + name + ".path";
                Optional<String> path = optional(pathKey);
                if (path.isEmpty()) {
                    problem(pathKey, "is required for route '" + name + "' (a path prefix such as /api)");
                    continue;
                }
                String prefix = path.get().length() > 1 && path.get().endsWith("/")
                        ? path.get().substring(0, path.get().length() - 1) : path.get();
                if (!prefix.startsWith("/") || prefix.contains("..") || prefix.contains("//")) {
                    problem(pathKey, "must be an absolute path prefix such as /api");
                }
                if (!prefixes.add(prefix)) {
                    problem(pathKey, "another route has the same path prefix " + prefix);
                }
                URI upstream = httpUrl("route." + name + ".upstream", null);
                boolean strip = bool("route." + name + ".strip-prefix", false);
                routes.add(new RouteConfig(name, prefix, upstream, strip));
            }
            return routes;
        }

        URI issuer() {
            URI issuer = httpUrl(OIDC_ISSUER, null);
            String host = issuer.getHost();
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
            if ("http".equals(issuer.getScheme()) && !loopback) {
                problem(OIDC_ISSUER, "must be https:// (plain http is only accepted for localhost)");
            }
            String path = issuer.getPath() == null ? "" : issuer.getPath();
            String firstSegment = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).findFirst().orElse("");
            if (host != null && host.startsWith("login.microsoftonline.")
                    && ENTRA_MULTI_TENANT.contains(firstSegment.toLowerCase(Locale.ROOT))) {
                problem(OIDC_ISSUER, "'" + firstSegment + "' is Entra ID's multi-tenant endpoint, whose ID tokens"
                        + " name each user's own tenant as issuer; use your tenant id:"
                        + " https://login.microsoftonline.com/<tenant-id>/v2.0");
            }
            return issuer;
        }

        AssertionConfig assertion() {
            AssertionAlgorithm alg = parse(OIDC_ASSERTION_ALG, AssertionConfig.DEFAULT_ALGORITHM,
                    v -> AssertionAlgorithm.fromJoseName(v).orElseThrow(() -> new IllegalArgumentException(
                            "write RS256, PS256 or ES256")));
            Set<AssertionHeader> headers = parse(OIDC_ASSERTION_HEADERS, AssertionConfig.DEFAULT_HEADERS, v -> {
                Set<AssertionHeader> set = new LinkedHashSet<>();
                for (String name : v.trim().split("[\\s,]+")) {
                    set.add(AssertionHeader.fromHeaderName(name).orElseThrow(() -> new IllegalArgumentException(
                            "'" + name + "' is not one of x5t, x5t#S256, kid, x5c")));
                }
                return set;
            });
            if (headers.stream().noneMatch(h -> h != AssertionHeader.X5C)) {
                problem(OIDC_ASSERTION_HEADERS, "name at least one of x5t, x5t#S256 or kid: without one Entra ID"
                        + " refuses the assertion with AADSTS5002723");
            }
            Optional<URI> audience = optional(OIDC_ASSERTION_AUDIENCE).map(v -> httpUrl(OIDC_ASSERTION_AUDIENCE, v));
            Duration lifetime = duration(OIDC_ASSERTION_LIFETIME, AssertionConfig.DEFAULT_LIFETIME);
            if (lifetime.compareTo(Duration.ofMinutes(10)) > 0) {
                problem(OIDC_ASSERTION_LIFETIME, "at most 10m: a client assertion is a short-lived credential"
                        + " and some IdPs refuse longer ones");
            }
            return new AssertionConfig(alg, headers, audience, lifetime);
        }

        Optional<ClientCredentials> credentials(DemoConfig demo, AssertionAlgorithm alg) {
            boolean pem = optional(OIDC_CLIENT_CERTIFICATE).isPresent() || optional(OIDC_CLIENT_KEY).isPresent();
            boolean keystore = optional(OIDC_CLIENT_KEYSTORE).isPresent();
            if (pem && keystore) {
                problem(OIDC_CLIENT_KEYSTORE, "set either oidc.client-keystore or oidc.client-certificate +"
                        + " oidc.client-key, not both");
                return Optional.empty();
            }
            if (!pem && !keystore) {
                if (demo.identityProvider()) {
                    KeyType type = alg == AssertionAlgorithm.ES256 ? KeyType.EC256 : KeyType.RSA2048;
                    return Optional.of(new SelfSignedCertificates(clock, new SecureRandom()).create(
                            type, "CN=oidc-gateway-demo", Duration.ofDays(365), "ephemeral demo certificate"));
                }
                problem(OIDC_CLIENT_CERTIFICATE, "private_key_jwt needs oidc.client-certificate + oidc.client-key,"
                        + " or oidc.client-keystore; create a pair with './run.sh cert new --out config/'");
                return Optional.empty();
            }
            try {
                ClientCredentials credentials;
                if (keystore) {
                    Path file = existingFile(OIDC_CLIENT_KEYSTORE);
                    Optional<String> password = optional(OIDC_CLIENT_KEYSTORE_PASSWORD);
                    if (password.isEmpty()) {
                        problem(OIDC_CLIENT_KEYSTORE_PASSWORD, "is required with oidc.client-keystore;"
                                + " use ${env:NAME} or ${file:PATH} to keep it out of the file");
                    }
                    if (file == null || password.isEmpty()) {
                        return Optional.empty();
                    }
                    credentials = KeyMaterialLoader.fromKeyStore(file, password.get().toCharArray());
                } else {
                    if (optional(OIDC_CLIENT_CERTIFICATE).isEmpty() || optional(OIDC_CLIENT_KEY).isEmpty()) {
                        String missing = optional(OIDC_CLIENT_KEY).isEmpty() ? OIDC_CLIENT_KEY : OIDC_CLIENT_CERTIFICATE;
                        problem(missing, "is required: oidc.client-certificate and oidc.client-key go together");
                        return Optional.empty();
                    }
                    Path cert = existingFile(OIDC_CLIENT_CERTIFICATE);
                    Path key = existingFile(OIDC_CLIENT_KEY);
                    if (cert == null || key == null) {
                        return Optional.empty();
                    }
                    credentials = KeyMaterialLoader.fromPem(cert, key);
                }
                if (!credentials.privateKey().getAlgorithm().equals(alg.keyAlgorithm())) {
                    problem(OIDC_ASSERTION_ALG, alg.joseName() + " needs an " + alg.keyAlgorithm() + " key but "
                            + credentials.source() + " holds an " + credentials.privateKey().getAlgorithm()
                            + " key; use " + (alg.keyAlgorithm().equals("RSA") ? "ES256" : "RS256 or PS256"));
                }
                return Optional.of(credentials);
            } catch (KeyMaterialException e) {
                problem(keystore ? OIDC_CLIENT_KEYSTORE : OIDC_CLIENT_KEY, e.getMessage());
                return Optional.empty();
            }
        }
    }
}
