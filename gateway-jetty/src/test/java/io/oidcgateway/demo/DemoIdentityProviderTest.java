package io.oidcgateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.TestCredentials;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo IdP refuses each mistake of the seed question the way Entra ID does, over real
 * HTTP. A dummy code with a correct assertion gets invalid_grant: client authentication passed.
 */
class DemoIdentityProviderTest {
    static final String CLIENT = "2f877daa-b6f5-42a3-8430-acf238b234e1";
    static DemoIdentityProvider idp;
    static ClientCredentials registered;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        idp.start();
        registered = credentials(KeyType.RSA2048);
        idp.register(new RegisteredClient(CLIENT, List.of(URI.create("http://localhost/cb")),
                List.of(registered.certificate()), Optional.of("s3cret"), Optional.empty()));
    }

    @AfterAll
    static void stop() throws Exception {
        idp.stop();
    }

    static ClientCredentials credentials(KeyType type) {
        return TestCredentials.create(type, "CN=jarred-test-oauth");
    }

    static JwtClaims claims(Consumer<JwtClaims> change) {
        return claims(CLIENT, idp.tokenEndpoint(), change);
    }

    /** The claims of a right assertion for that client and token endpoint, then changed. */
    static JwtClaims claims(String client, URI tokenEndpoint, Consumer<JwtClaims> change) {
        long now = Instant.now().getEpochSecond();
        JwtClaims c = new JwtClaims();
        c.setIssuer(client);
        c.setSubject(client);
        c.setAudience(tokenEndpoint.toString());
        c.setJwtId(UUID.randomUUID().toString());
        c.setIssuedAt(NumericDate.fromSeconds(now));
        c.setNotBefore(NumericDate.fromSeconds(now));
        c.setExpirationTime(NumericDate.fromSeconds(now + 300));
        change.accept(c);
        return c;
    }

    static String sign(JwtClaims claims, ClientCredentials with, String alg, Consumer<JsonWebSignature> header)
            throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setHeader("typ", "JWT");
        jws.setKey(with.privateKey());
        header.accept(jws);
        return jws.getCompactSerialization();
    }

    static String rightAssertion(Consumer<JwtClaims> change) throws Exception {
        return sign(claims(change), registered, "RS256", j -> j.setX509CertSha1ThumbprintHeaderValue(registered.certificate()));
    }

    /** POSTs a code redemption with the assertion and a code that was never issued. */
    static Map<String, Object> redeem(String assertion) throws Exception {
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", "dummy-code",
                "redirect_uri", "http://localhost/cb", "client_id", CLIENT,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion);
        return post(form, null);
    }

    static Map<String, Object> post(Map<String, String> form, String authorization) throws Exception {
        return post(idp, form, authorization);
    }

    /** POSTs the form to that IdP's token endpoint; the JSON answer with its HTTP status as "status". */
    static Map<String, Object> post(DemoIdentityProvider idp, Map<String, String> form, String authorization)
            throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(idp.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = JsonUtil.parseJson(response.body());
        json.put("status", response.statusCode());
        return json;
    }

    static void assertRefused(Map<String, Object> response, int status, String error, String aadsts) {
        assertEquals(status, response.get("status"), response.toString());
        assertEquals(error, response.get("error"), response.toString());
        assertTrue(String.valueOf(response.get("error_description")).startsWith("AADSTS" + aadsts + ":"),
                response.toString());
        assertEquals(List.of(Long.parseLong(aadsts)), response.get("error_codes"));
    }

    @Test
    void seedsFirstAttemptWithoutThumbprintOrAudThenAadsts5002723() throws Exception {
        String jti = "3BC87980310C490A62AA5F6343D4C55DF8EBBA85";
        String assertion = sign(claims(c -> { c.setJwtId(jti); c.unsetClaim("aud"); }), registered, "RS256", j -> { });

        assertRefused(redeem(assertion), 400, "invalid_request", "5002723");
    }

    @Test
    void seedsSecondAttemptWithHexThumbprintAsX5tThenAadsts700027NamingWhatItDecoded() throws Exception {
        String hexText = registered.sha1Hex().toLowerCase();
        String assertion = sign(claims(c -> { }), registered, "RS256", j -> j.setHeader("x5t", hexText));

        Map<String, Object> response = redeem(assertion);

        assertRefused(response, 401, "invalid_client", "700027");
        String decodedAsEntraDoes = HexFormat.of().formatHex(org.jose4j.base64url.Base64Url.decode(hexText)).toUpperCase();
        assertTrue(String.valueOf(response.get("error_description")).contains("The key was not found")
                && String.valueOf(response.get("error_description")).contains(decodedAsEntraDoes), response.toString());
    }

    @Test
    void assertionWhenAllRightThenClientAuthenticatedAndTheDummyCodeIsWhatFails() throws Exception {
        assertRefused(redeem(rightAssertion(c -> { })), 400, "invalid_grant", "70008");
    }

    @Test
    void assertionWhenPs256WithX5tS256ThenAccepted() throws Exception {
        String assertion = sign(claims(c -> { }), registered, "PS256",
                j -> j.setX509CertSha256ThumbprintHeaderValue(registered.certificate()));

        assertRefused(redeem(assertion), 400, "invalid_grant", "70008");
    }

    @Test
    void assertionWhenAudMissingOrWrongThenAadsts50012() throws Exception {
        assertRefused(redeem(rightAssertion(c -> c.unsetClaim("aud"))), 401, "invalid_client", "50012");
        assertRefused(redeem(rightAssertion(c -> c.setAudience("https://login.microsoftonline.com/x/oauth2/token"))),
                401, "invalid_client", "50012");
    }

    @Test
    void assertionWhenSubIsNotIssThenAadsts50048() throws Exception {
        assertRefused(redeem(rightAssertion(c -> c.setSubject("someone-else"))), 401, "invalid_client", "50048");
    }

    @Test
    void assertionWhenIssAndSubAreAnotherClientThenAadsts700021() throws Exception {
        assertRefused(redeem(rightAssertion(c -> { c.setIssuer("other-app"); c.setSubject("other-app"); })),
                401, "invalid_client", "700021");
    }

    @Test
    void assertionWhenExpiredOrTooLongOrNotYetValidThenAadsts700024() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertRefused(redeem(rightAssertion(c -> c.setExpirationTime(NumericDate.fromSeconds(now - 600)))),
                401, "invalid_client", "700024");
        assertRefused(redeem(rightAssertion(c -> c.setExpirationTime(NumericDate.fromSeconds(now + 3600)))),
                401, "invalid_client", "700024");
        assertRefused(redeem(rightAssertion(c -> c.setNotBefore(NumericDate.fromSeconds(now + 600)))),
                401, "invalid_client", "700024");
    }

    @Test
    void assertionWhenJtiMissingThenAadsts90014AndWhenReusedThenAcceptedAsEntraDoes() throws Exception {
        assertRefused(redeem(rightAssertion(c -> c.unsetClaim("jti"))), 400, "invalid_request", "90014");
        String once = rightAssertion(c -> { });
        assertRefused(redeem(once), 400, "invalid_grant", "70008");
        assertRefused(redeem(once), 400, "invalid_grant", "70008");
    }

    @Test
    void assertionWhenAlgorithmEntraRefusesThenAadsts5002738() throws Exception {
        ClientCredentials ec = credentials(KeyType.EC256);
        String es256 = sign(claims(c -> { }), ec, "ES256", j -> j.setX509CertSha1ThumbprintHeaderValue(ec.certificate()));
        assertRefused(redeem(es256), 400, "invalid_request", "5002738");

        JsonWebSignature hs = new JsonWebSignature();
        hs.setPayload(claims(c -> { }).toJson());
        hs.setAlgorithmHeaderValue("HS256");
        hs.setHeader("x5t", registered.x5t());
        hs.setKey(new HmacKey(registered.certificate().getPublicKey().getEncoded()));
        assertRefused(redeem(hs.getCompactSerialization()), 400, "invalid_request", "5002738");
    }

    @Test
    void assertionWhenSignedByAnotherKeyThenAadsts700027SignatureMismatch() throws Exception {
        ClientCredentials other = credentials(KeyType.RSA2048);
        String assertion = sign(claims(c -> { }), other, "RS256",
                j -> j.setX509CertSha1ThumbprintHeaderValue(registered.certificate()));

        Map<String, Object> response = redeem(assertion);

        assertRefused(response, 401, "invalid_client", "700027");
        assertTrue(String.valueOf(response.get("error_description")).contains("did not match"), response.toString());
    }

    @Test
    void clientSecretWhenWrongThenAadsts7000215AndWhenRightThenPasses() throws Exception {
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", "dummy",
                "redirect_uri", "http://localhost/cb", "client_id", CLIENT, "client_secret", "wrong");
        assertRefused(post(form, null), 401, "invalid_client", "7000215");

        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((CLIENT + ":s3cret").getBytes());
        assertRefused(post(Map.of("grant_type", "authorization_code", "code", "dummy",
                "redirect_uri", "http://localhost/cb"), basic), 400, "invalid_grant", "70008");
    }
}
