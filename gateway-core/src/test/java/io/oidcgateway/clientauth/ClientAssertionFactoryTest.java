package io.oidcgateway.clientauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.AssertionAlgorithm;
import io.oidcgateway.config.AssertionConfig;
import io.oidcgateway.config.AssertionHeader;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class ClientAssertionFactoryTest {
    static final String CLIENT_ID = "2f877daa-b6f5-42a3-8430-acf238b234e1";
    static final URI TOKEN_ENDPOINT = URI.create("https://login.microsoftonline.com/tenant/oauth2/v2.0/token");
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    final ClientCredentials rsa = TestCredentials.rsa();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private JsonWebSignature create(ClientCredentials credentials, AssertionConfig config) throws Exception {
        String jwt = new ClientAssertionFactory(CLIENT_ID, ClientKeySource.of(credentials), config, clock).create(TOKEN_ENDPOINT);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(jwt);
        return jws;
    }

    private static AssertionConfig config(AssertionAlgorithm alg, Set<AssertionHeader> headers) {
        return new AssertionConfig(alg, headers, Optional.empty(), Duration.ofMinutes(5));
    }

    /** Computed here with the JDK alone, so the test does not trust the code under test. */
    private static String base64urlDigest(String algorithm, byte[] der) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(algorithm).digest(der));
    }

    @Test
    void createWhenDefaultsThenEntraShapedHeaderAndClaims() throws Exception {
        JsonWebSignature jws = create(rsa, config(AssertionAlgorithm.RS256, AssertionConfig.DEFAULT_HEADERS));

        assertEquals("RS256", jws.getAlgorithmHeaderValue());
        assertEquals("JWT", jws.getHeader("typ"));
        assertEquals(base64urlDigest("SHA-1", rsa.certificateDer()), jws.getHeader("x5t"));
        assertEquals(27, jws.getHeader("x5t").length(), "20 bytes in base64url, not 40 hex characters");
        assertEquals(base64urlDigest("SHA-256", rsa.certificateDer()), jws.getHeader("x5t#S256"));
        assertNull(jws.getKeyIdHeaderValue());

        JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
        assertEquals(CLIENT_ID, claims.getIssuer());
        assertEquals(CLIENT_ID, claims.getSubject());
        assertEquals(List.of(TOKEN_ENDPOINT.toString()), claims.getAudience());
        assertEquals(NOW.getEpochSecond(), claims.getIssuedAt().getValue());
        assertEquals(NOW.getEpochSecond(), claims.getNotBefore().getValue());
        assertEquals(NOW.plusSeconds(300).getEpochSecond(), claims.getExpirationTime().getValue());
        assertTrue(claims.getJwtId().matches("[0-9a-f-]{36}"), claims.getJwtId());

        jws.setKey(rsa.certificate().getPublicKey());
        assertTrue(jws.verifySignature());
    }

    @Test
    void createWhenCalledTwiceThenFreshJti() throws Exception {
        AssertionConfig config = config(AssertionAlgorithm.RS256, AssertionConfig.DEFAULT_HEADERS);
        String first = JwtClaims.parse(create(rsa, config).getUnverifiedPayload()).getJwtId();
        String second = JwtClaims.parse(create(rsa, config).getUnverifiedPayload()).getJwtId();

        assertNotEquals(first, second);
    }

    @Test
    void createWhenPs256AndEs256ThenSignedWithThatAlgorithm() throws Exception {
        JsonWebSignature ps = create(rsa, config(AssertionAlgorithm.PS256, Set.of(AssertionHeader.X5T_S256)));
        assertEquals("PS256", ps.getAlgorithmHeaderValue());
        ps.setKey(rsa.certificate().getPublicKey());
        assertTrue(ps.verifySignature());

        ClientCredentials ec = TestCredentials.create(KeyType.EC256);
        JsonWebSignature es = create(ec, config(AssertionAlgorithm.ES256, Set.of(AssertionHeader.X5T)));
        assertEquals("ES256", es.getAlgorithmHeaderValue());
        es.setKey(ec.certificate().getPublicKey());
        assertTrue(es.verifySignature());
    }

    @Test
    void createWhenKidAndX5cConfiguredThenJwkThumbprintAndChain() throws Exception {
        JsonWebSignature jws = create(rsa, config(AssertionAlgorithm.RS256, Set.of(AssertionHeader.KID, AssertionHeader.X5C)));

        assertEquals(rsa.jwkThumbprint(), jws.getKeyIdHeaderValue());
        assertEquals(rsa.certificate(), jws.getCertificateChainHeaderValue().get(0));
        assertNull(jws.getHeader("x5t"));
    }

    @Test
    void createWhenAudienceConfiguredThenUsedInsteadOfTokenEndpoint() throws Exception {
        AssertionConfig config = new AssertionConfig(AssertionAlgorithm.RS256, AssertionConfig.DEFAULT_HEADERS,
                Optional.of(URI.create("https://kc.example.com/realms/demo")), Duration.ofMinutes(1));

        JwtClaims claims = JwtClaims.parse(create(rsa, config).getUnverifiedPayload());

        assertEquals(List.of("https://kc.example.com/realms/demo"), claims.getAudience());
        assertEquals(60, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void privateKeyJwtAuthenticationAddsAssertionParameters() {
        ClientAssertionFactory factory = new ClientAssertionFactory(CLIENT_ID, ClientKeySource.of(rsa),
                config(AssertionAlgorithm.RS256, AssertionConfig.DEFAULT_HEADERS), clock);
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();

        new PrivateKeyJwtAuthentication(CLIENT_ID, factory).authenticate(TOKEN_ENDPOINT, form, headers);

        assertEquals(CLIENT_ID, form.get("client_id"));
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        assertEquals(3, form.get("client_assertion").split("\\.").length);
        assertTrue(headers.isEmpty());
    }
}
