package io.oidcgateway.diagnostics;

import io.oidcgateway.clientauth.ThumbprintHeader;
import io.oidcgateway.clientauth.Thumbprints;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.base64url.Base64Url;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.X509Util;
import org.jose4j.lang.JoseException;

/**
 * Reads a client assertion without any key and lists every mistake that makes an IdP refuse
 * it, each with the error Entra ID answers and the fix. Given the certificate, it also
 * computes the right thumbprints and checks the signature.
 */
public final class AssertionInspector {
    /** Microsoft recommends 5 to 10 minutes; Entra itself sets no limit, stricter IdPs do. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> ENTRA_ALGORITHMS = Set.of("RS256", "PS256");
    private static final String ENTRA_TOKEN_ENDPOINT = "https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token";

    /** The decoded assertion and what is wrong with it. */
    public record Inspection(Map<String, Object> header, Map<String, Object> claims, List<Finding> findings) {
        public boolean hasErrors() {
            return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        }
    }

    /** What the caller knows beyond the assertion; each part is optional. */
    public record Expectations(Optional<X509Certificate> certificate, Optional<String> clientId,
            Optional<URI> tokenEndpoint) {
    }

    private final Clock clock;

    public AssertionInspector(Clock clock) {
        this.clock = clock;
    }

    /** @throws OversizedInputException when the input is too large or nested too deep to be an assertion */
    public Inspection inspect(String jwt, Expectations expected) throws OversizedInputException {
        InputBounds.checkLength(jwt, InputBounds.MAX_ASSERTION_CHARS, "the assertion");
        String compact = jwt.strip();
        String[] parts = compact.split("\\.", -1);
        List<Finding> findings = new ArrayList<>();
        if (parts.length == 5) {
            findings.add(Finding.error("The assertion is encrypted (JWE); a client assertion is a signed JWT (JWS)",
                    "AADSTS50027: JWT token is invalid or malformed.", "Sign the JWT; do not encrypt it."));
            return new Inspection(Map.of(), Map.of(), findings);
        }
        Map<String, Object> header;
        Map<String, Object> claims;
        try {
            if (parts.length != 3) {
                throw new JoseException("a JWS has 3 dot-separated parts, this has " + parts.length);
            }
            String headerJson = Base64Url.decodeToUtf8String(parts[0]);
            String claimsJson = Base64Url.decodeToUtf8String(parts[1]);
            InputBounds.checkJsonDepth(headerJson, "the assertion's header");
            InputBounds.checkJsonDepth(claimsJson, "the assertion's claims");
            header = JsonUtil.parseJson(headerJson);
            claims = JsonUtil.parseJson(claimsJson);
        } catch (JoseException | RuntimeException e) {
            findings.add(Finding.error("Not a JWT: " + e.getMessage(), "AADSTS50027: JWT token is invalid or malformed.",
                    "Pass the whole assertion: header.payload.signature in base64url, as sent in client_assertion."));
            return new Inspection(Map.of(), Map.of(), findings);
        }
        checkAlgorithm(header, findings);
        ThumbprintFindings.check(header, expected.certificate(), findings);
        checkIdentity(claims, expected, findings);
        checkAudience(claims, expected, findings);
        checkJwtId(header, claims, expected, findings);
        checkTimes(claims, findings);
        expected.certificate().ifPresent(cert -> checkSignature(compact, String.valueOf(header.get("alg")), cert, findings));
        return new Inspection(header, claims, findings);
    }

    private static void checkAlgorithm(Map<String, Object> header, List<Finding> findings) {
        String alg = String.valueOf(header.get("alg"));
        String refused = "AADSTS5002738: Invalid JWT token. '" + alg + "' is not a supported signature algorithm.";
        if (alg.equals("none") || alg.equals("null")) {
            findings.add(Finding.error("alg is '" + alg + "': the assertion is not signed", refused,
                    "Sign with the certificate's private key using RS256 or PS256."));
        } else if (alg.startsWith("HS")) {
            findings.add(Finding.error("alg is " + alg + ", a shared-secret (HMAC) algorithm", refused,
                    "Certificate assertions are signed with the private key: use RS256 or PS256."));
        } else if (!ENTRA_ALGORITHMS.contains(alg)) {
            findings.add(Finding.warn("alg is " + alg + "; Entra ID accepts RS256 and PS256 only", refused,
                    "For Entra ID use an RSA certificate with RS256 or PS256; other IdPs may accept " + alg + "."));
        }
        Object typ = header.get("typ");
        if (typ == null) {
            findings.add(Finding.info("no typ header; Entra ID does not require one (its documentation shows"
                    + " typ JWT, which the gateway sends)"));
        } else if (!"JWT".equals(typ)) {
            findings.add(Finding.warn("typ is " + typ + ", not JWT", null,
                    "Set the header typ to JWT, as Entra ID's documentation shows."));
        }
    }

    private static void checkIdentity(Map<String, Object> claims, Expectations expected, List<Finding> findings) {
        Object iss = claims.get("iss");
        Object sub = claims.get("sub");
        for (String name : List.of("iss", "sub")) {
            if (claims.get(name) == null) {
                findings.add(Finding.error(name + " is missing", missingField(name),
                        "Set " + name + " to the client id (the Application (client) ID)."));
            }
        }
        if (iss != null && sub != null && !iss.equals(sub)) {
            findings.add(Finding.error("iss (" + iss + ") and sub (" + sub + ") differ",
                    "AADSTS50048: Subject mismatches Issuer claim in the client assertion.",
                    "Set both iss and sub to the client id."));
        }
        expected.clientId().filter(id -> iss != null && !id.equals(iss)).ifPresent(id -> findings.add(Finding.error(
                "iss (" + iss + ") is not the client id " + id,
                "AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter.",
                "Set iss and sub to " + id + ".")));
    }

    private static void checkAudience(Map<String, Object> claims, Expectations expected, List<Finding> findings) {
        Object aud = claims.get("aud");
        String endpoint = expected.tokenEndpoint().map(URI::toString).orElse(ENTRA_TOKEN_ENDPOINT);
        String mismatch = "AADSTS50012: Client assertion audience claim does not match Realm issuer.";
        if (aud == null) {
            findings.add(Finding.error("aud is missing", mismatch, "Set aud to the token endpoint: " + endpoint));
            return;
        }
        List<String> audiences = aud instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(aud));
        if (audiences.size() > 1) {
            findings.add(Finding.warn("aud is an array of " + audiences.size() + " values", null,
                    "Use one value, the token endpoint; some IdPs (Keycloak) refuse arrays."));
        }
        if (expected.tokenEndpoint().isPresent() && !audiences.contains(endpoint)) {
            findings.add(Finding.error("aud " + audiences + " is not the token endpoint " + endpoint, mismatch,
                    "Set aud to " + endpoint));
        } else if (expected.tokenEndpoint().isEmpty() && audiences.stream().noneMatch(a -> a.startsWith("https://"))) {
            findings.add(Finding.error("aud " + audiences + " is not a URL; it must be the token endpoint", mismatch,
                    "Set aud to the token endpoint, for Entra ID " + ENTRA_TOKEN_ENDPOINT));
        }
    }

    private static void checkJwtId(Map<String, Object> header, Map<String, Object> claims, Expectations expected,
            List<Finding> findings) {
        Object raw = claims.get("jti");
        if (raw == null) {
            findings.add(Finding.error("jti is missing", missingField("jti"),
                    "Set jti to a new random value (a UUID) for every assertion."));
            return;
        }
        String jti = String.valueOf(raw);
        boolean thumbprint = jti.matches("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}") || jti.equals(header.get("x5t"))
                || expected.certificate().map(c -> Thumbprints.hex(c, "SHA-1")
                        .equalsIgnoreCase(jti)).orElse(false);
        boolean constant = jti.length() < 8 || jti.chars().distinct().count() <= 2;
        if (thumbprint || constant) {
            findings.add(Finding.warn("jti '" + jti + "' " + (thumbprint ? "is a certificate thumbprint"
                            : "looks like a constant") + ": it is the same in every assertion",
                    "Entra ID accepts a jti again (MSAL reuses one assertion for up to 10 minutes), but an IdP that"
                            + " applies RFC 7523's replay rule refuses the second request with the same jti.",
                    "Set jti to a new random value (a UUID) for every assertion."));
        }
    }

    private void checkTimes(Map<String, Object> claims, List<Finding> findings) {
        Instant now = clock.instant();
        Optional<Instant> exp = instant(claims.get("exp"));
        Optional<Instant> nbf = instant(claims.get("nbf"));
        Optional<Instant> iat = instant(claims.get("iat"));
        String range = "AADSTS700024: Client assertion is not within its valid time range. Current time: " + now
                + ", assertion valid from " + nbf.map(Instant::toString).orElse("(no nbf)")
                + ", expiry time of assertion " + exp.map(Instant::toString).orElse("(no exp)") + ".";
        if (exp.isEmpty()) {
            findings.add(Finding.error("exp is missing", missingField("exp"),
                    "Set exp a few minutes after nbf (the gateway uses 5 minutes)."));
        } else if (now.isAfter(exp.get().plus(CLOCK_SKEW))) {
            findings.add(Finding.error("expired at " + exp.get(), range,
                    "Build a new assertion for every request; check this host's clock."));
        }
        if (nbf.isPresent() && nbf.get().isAfter(now.plus(CLOCK_SKEW))) {
            findings.add(Finding.error("not valid before " + nbf.get() + ", which is in the future", range,
                    "Synchronise this host's clock (NTP); set nbf to the current time."));
        }
        Optional<Instant> start = nbf.or(() -> iat);
        if (exp.isPresent() && start.isPresent()
                && Duration.between(start.get(), exp.get()).compareTo(MAX_LIFETIME) > 0) {
            findings.add(Finding.warn("valid for " + Duration.between(start.get(), exp.get()).toMinutes()
                            + " minutes; an assertion should live 5 to 10 minutes at most",
                    "Entra ID sets no limit; stricter IdPs refuse long-lived assertions (the demo IdP: AADSTS700024).",
                    "Set exp 5 minutes after nbf and build a new assertion for every request."));
        }
    }

    private static void checkSignature(String compact, String alg, X509Certificate cert, List<Finding> findings) {
        String subject = cert.getSubjectX500Principal().getName();
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"));
            jws.setCompactSerialization(compact);
            jws.setKey(cert.getPublicKey());
            if (jws.verifySignature()) {
                return;
            }
        } catch (JoseException e) {
            // reported below: a key of the wrong type or an algorithm no certificate key can verify
        }
        findings.add(Finding.error("The signature (" + alg + ") does not verify with the certificate " + subject,
                "AADSTS700027: Client assertion contains an invalid signature. [Reason - The provided signature value"
                        + " did not match the expected signature value.]",
                "Sign with the private key that belongs to this certificate; './run.sh check' verifies the pair."));
    }

    private static String missingField(String name) {
        return "AADSTS90014: The required field '" + name + "' is missing from the credential.";
    }

    private static Optional<Instant> instant(Object value) {
        return value instanceof Number n ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
    }
}
