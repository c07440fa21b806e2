package io.oidcgateway.demo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.clientauth.PrivateKeyJwtAuthentication;
import io.oidcgateway.clientauth.ThumbprintHeader;
import io.oidcgateway.clientauth.Thumbprints;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * Client authentication at the demo token endpoint, with Entra ID's rules and error texts,
 * so the gateway is tested against the mistakes that cost real users days.
 */
final class ClientAssertionRules {
    static final List<String> ALLOWED_ALGORITHMS = List.of("RS256", "PS256");
    /** Stricter than Entra ID, which sets no upper bound: an assertion is a short-lived credential. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final String DOCS = "Review the documentation at"
            + " https://learn.microsoft.com/entra/identity-platform/certificate-credentials .";

    private final Clock clock;
    private final boolean rejectReusedJti;
    private final Cache<String, Boolean> usedJtis;

    /** @param rejectReusedJti RFC 7523's replay rule, which Entra ID does not apply */
    ClientAssertionRules(Clock clock, boolean rejectReusedJti) {
        this.clock = clock;
        this.rejectReusedJti = rejectReusedJti;
        this.usedJtis = Caffeine.newBuilder()
                .expireAfterWrite(MAX_LIFETIME.plus(CLOCK_SKEW).multipliedBy(2))
                .maximumSize(1_000_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** @return the client that authenticated, or the Entra error it would get */
    RegisteredClient authenticate(Map<String, String> form, String authorizationHeader, URI tokenEndpoint,
            Function<String, Optional<RegisteredClient>> clients) throws EntraError {
        String assertion = form.get("client_assertion");
        if (assertion != null) {
            return byAssertion(form, assertion, tokenEndpoint, clients);
        }
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
                    StandardCharsets.UTF_8).split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        if (clientId == null) {
            throw EntraError.invalidRequest(900144, "The request body must contain the following parameter: 'client_id'.");
        }
        RegisteredClient client = known(clientId, clients);
        if (secret == null) {
            throw EntraError.invalidClient(7000218, "The request body must contain the following parameter:"
                    + " 'client_assertion' or 'client_secret'.");
        }
        if (client.secret().isEmpty() || !MessageDigest.isEqual(client.secret().get().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw EntraError.invalidClient(7000215, "Invalid client secret provided. Ensure the secret being sent in"
                    + " the request is the client secret value, not the client secret ID, for a secret added to app '"
                    + clientId + "'.");
        }
        return client;
    }

    /** The certificate-identifying headers of an assertion: thumbprints (read by their bytes) or a kid. */
    private record KeyHints(Optional<ThumbprintHeader> x5t, Optional<ThumbprintHeader> x5tS256, String kid) {
        /** What Entra prints as "Thumbprint of key used by client". */
        String presented() {
            return x5t.or(() -> x5tS256).map(ThumbprintHeader::decodedHex).orElse(kid);
        }
    }

    private RegisteredClient byAssertion(Map<String, String> form, String assertion, URI tokenEndpoint,
            Function<String, Optional<RegisteredClient>> clients) throws EntraError {
        if (!PrivateKeyJwtAuthentication.ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            throw EntraError.invalidRequest(90014, "The required field 'client_assertion_type' is missing or is not '"
                    + PrivateKeyJwtAuthentication.ASSERTION_TYPE + "'.");
        }
        JsonWebSignature jws = new JsonWebSignature();
        JwtClaims claims;
        try {
            jws.setCompactSerialization(assertion);
            claims = JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (JoseException | org.jose4j.jwt.consumer.InvalidJwtException e) {
            throw EntraError.invalidRequest(50027, "JWT token is invalid or malformed.");
        }
        KeyHints hints = keyHints(jws);
        try {
            String clientId = Optional.ofNullable(form.get("client_id")).orElse(claims.getIssuer());
            RegisteredClient client = known(String.valueOf(clientId), clients);
            checkIdentity(claims, clientId);
            X509Certificate cert = findCertificate(client, hints).orElseThrow(() ->
                    EntraError.invalidClient(700027, "Client assertion contains an invalid signature. [Reason - The"
                            + " key was not found., Thumbprint of key used by client: '" + hints.presented()
                            + "', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see"
                            + " configured keys for app Id '" + clientId + "'. " + DOCS + "]"));
            verifySignature(jws, cert, hints.presented());
            if (!claims.getAudience().equals(List.of(tokenEndpoint.toString()))) {
                throw EntraError.invalidClient(50012, "Client assertion audience claim does not match Realm issuer."
                        + " Expected '" + tokenEndpoint + "'. " + DOCS);
            }
            checkTimes(claims);
            checkJwtId(claims, clientId);
            return client;
        } catch (MalformedClaimException e) {
            throw EntraError.invalidRequest(50027, "JWT token is invalid or malformed.");
        }
    }

    /** The algorithm Entra accepts, and at least one header naming the certificate. */
    private static KeyHints keyHints(JsonWebSignature jws) throws EntraError {
        String alg = jws.getAlgorithmHeaderValue();
        if (!ALLOWED_ALGORITHMS.contains(alg)) {
            throw EntraError.invalidRequest(5002738, "Invalid JWT token. '" + alg + "' is not a supported signature"
                    + " algorithm. Supported signing algorithms are: '" + String.join(",", ALLOWED_ALGORITHMS) + "'");
        }
        KeyHints hints = new KeyHints(
                Optional.ofNullable(jws.getHeader("x5t")).map(v -> ThumbprintHeader.read("x5t", v)),
                Optional.ofNullable(jws.getHeader("x5t#S256")).map(v -> ThumbprintHeader.read("x5t#S256", v)),
                jws.getKeyIdHeaderValue());
        if (hints.x5t().isEmpty() && hints.x5tS256().isEmpty() && hints.kid() == null) {
            throw EntraError.invalidRequest(5002723,
                    "Invalid JWT token. No certificate thumbprint nor keyId specified in token header.");
        }
        return hints;
    }

    private static void checkIdentity(JwtClaims claims, String clientId) throws MalformedClaimException, EntraError {
        if (!String.valueOf(claims.getIssuer()).equals(claims.getSubject())) {
            throw EntraError.invalidClient(50048, "Subject mismatches Issuer claim in the client assertion.");
        }
        if (!clientId.equals(claims.getIssuer())) {
            throw EntraError.invalidClient(700021, "Client assertion application identifier doesn't match"
                    + " 'client_id' parameter. " + DOCS);
        }
    }

    private void checkJwtId(JwtClaims claims, String clientId) throws MalformedClaimException, EntraError {
        String jti = claims.getJwtId();
        if (jti == null) {
            throw EntraError.invalidRequest(90014, "The required field 'jti' is missing from the credential."
                    + " Ensure that you have all the necessary parameters for the login request.");
        }
        if (rejectReusedJti && usedJtis.asMap().putIfAbsent(clientId + " " + jti, Boolean.TRUE) != null) {
            throw EntraError.invalidClient(50027, "JWT token is invalid or malformed. The assertion's jti '" + jti
                    + "' was already used (RFC 7523 replay rule, on in this demo IdP; Entra ID accepts a reused"
                    + " assertion).");
        }
    }

    private void checkTimes(JwtClaims claims) throws MalformedClaimException, EntraError {
        NumericDate exp = claims.getExpirationTime();
        if (exp == null) {
            throw EntraError.invalidRequest(90014, "The required field 'exp' is missing from the credential."
                    + " Ensure that you have all the necessary parameters for the login request.");
        }
        Instant now = clock.instant();
        Instant expiry = Instant.ofEpochSecond(exp.getValue());
        Instant notBefore = claims.getNotBefore() == null ? null : Instant.ofEpochSecond(claims.getNotBefore().getValue());
        Instant issued = claims.getIssuedAt() == null ? null : Instant.ofEpochSecond(claims.getIssuedAt().getValue());
        if (now.isAfter(expiry.plus(CLOCK_SKEW)) || (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW)))) {
            throw EntraError.invalidClient(700024, "Client assertion is not within its valid time range. Current time: "
                    + now + ", assertion valid from " + (notBefore == null ? "(no nbf)" : notBefore)
                    + ", expiry time of assertion " + expiry + ". " + DOCS);
        }
        Instant start = notBefore != null ? notBefore : issued != null ? issued : now;
        if (Duration.between(start, expiry).compareTo(MAX_LIFETIME) > 0) {
            throw EntraError.invalidClient(700024, "Client assertion is not within its valid time range: it is valid"
                    + " from " + start + " to " + expiry + ", longer than the 10 minutes this demo IdP accepts. " + DOCS);
        }
    }

    private static void verifySignature(JsonWebSignature jws, X509Certificate cert, String presented)
            throws EntraError {
        try {
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    ALLOWED_ALGORITHMS.toArray(String[]::new)));
            jws.setKey(cert.getPublicKey());
            if (jws.verifySignature()) {
                return;
            }
        } catch (JoseException e) {
            // falls through to the same answer Entra gives for a signature that does not verify
        }
        throw EntraError.invalidClient(700027, "Client assertion contains an invalid signature. [Reason - The provided"
                + " signature value did not match the expected signature value., Thumbprint of key used by client: '"
                + presented + "', Found key 'Start=" + cert.getNotBefore().toInstant() + ", End="
                + cert.getNotAfter().toInstant() + "']");
    }

    /** By the thumbprint's bytes, however they are spelled, as Entra matches them. */
    private static Optional<X509Certificate> findCertificate(RegisteredClient client, KeyHints hints) {
        for (X509Certificate cert : client.certificates()) {
            if (hints.x5t().filter(h -> h.matches(Thumbprints.bytes(cert, "SHA-1"))).isPresent()
                    || hints.x5tS256().filter(h -> h.matches(Thumbprints.bytes(cert, "SHA-256"))).isPresent()
                    || (hints.kid() != null && hints.kid().equals(jwkThumbprint(cert)))) {
                return Optional.of(cert);
            }
        }
        return Optional.empty();
    }

    private static String jwkThumbprint(X509Certificate cert) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(cert.getPublicKey())
                    .calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (JoseException e) {
            return "";
        }
    }

    private static RegisteredClient known(String clientId, Function<String, Optional<RegisteredClient>> clients)
            throws EntraError {
        return clients.apply(clientId).orElseThrow(() -> new EntraError(400, "unauthorized_client", 700016,
                "Application with identifier '" + clientId + "' was not found in the directory 'demo'. This can"
                        + " happen if the application has not been installed by the administrator of the tenant."));
    }
}
