package io.oidcgateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.TestCredentials;
import io.oidcgateway.clientauth.Thumbprints;
import io.oidcgateway.diagnostics.AssertionInspector;
import io.oidcgateway.diagnostics.AssertionInspector.Expectations;
import io.oidcgateway.diagnostics.AssertionInspector.Inspection;
import io.oidcgateway.diagnostics.Finding;
import io.oidcgateway.diagnostics.Severity;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client-assertion rule, once: what the demo IdP answers (as Entra does) and what
 * {@code assertion inspect} reports, side by side, so the two never disagree about what Entra
 * refuses. README's table "Client assertion rules" lists the same rows with their sources.
 */
class AssertionRulesTest {
    static final String CLIENT = "2f877daa-b6f5-42a3-8430-acf238b234e1";
    static DemoIdentityProvider idp;
    static ClientCredentials registered;
    static ClientCredentials other;
    static ClientCredentials ec;

    /** What the demo IdP answers: a refusal with Entra's code, or acceptance (invalid_grant for the dummy code). */
    record Answer(int status, String error, long code) {
        static final Answer ACCEPTED = new Answer(400, "invalid_grant", 70008);

        static Answer invalidRequest(long code) {
            return new Answer(400, "invalid_request", code);
        }

        static Answer invalidClient(long code) {
            return new Answer(401, "invalid_client", code);
        }
    }

    /**
     * One rule: the assertion that breaks it, the demo IdP's answer, and the finding inspect must
     * print when given the certificate that signed it ({@code --cert}).
     */
    record Rule(String name, Assertion assertion, Answer demo, Severity severity, String finding,
            ClientCredentials signer) {
        Rule(String name, Assertion assertion, Answer demo, Severity severity, String finding) {
            this(name, assertion, demo, severity, finding, registered);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    interface Assertion {
        String build() throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        idp.start();
        registered = TestCredentials.create(KeyType.RSA2048, "CN=rules");
        other = TestCredentials.create(KeyType.RSA2048, "CN=someone-else");
        ec = TestCredentials.create(KeyType.EC256, "CN=ec");
        idp.register(new RegisteredClient(CLIENT, List.of(URI.create("http://localhost/cb")),
                List.of(registered.certificate()), Optional.empty(), Optional.empty()));
    }

    @AfterAll
    static void stop() throws Exception {
        idp.stop();
    }

    static JwtClaims claims(Consumer<JwtClaims> change) {
        return DemoIdentityProviderTest.claims(CLIENT, idp.tokenEndpoint(), change);
    }

    /** Signed by the registered key with RS256, typ JWT and x5t, then changed. */
    static Assertion signed(Consumer<JwtClaims> claims, Consumer<JsonWebSignature> header) {
        return () -> {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims(claims).toJson());
            jws.setAlgorithmHeaderValue("RS256");
            jws.setHeader("typ", "JWT");
            jws.setX509CertSha1ThumbprintHeaderValue(registered.certificate());
            jws.setKey(registered.privateKey());
            header.accept(jws);
            return jws.getCompactSerialization();
        };
    }

    static Assertion header(Consumer<JsonWebSignature> change) {
        return signed(c -> { }, change);
    }

    static Assertion claim(Consumer<JwtClaims> change) {
        return signed(change, j -> { });
    }

    static byte[] sha1() {
        return Thumbprints.bytes(registered.certificate(), "SHA-1");
    }

    static byte[] sha256() {
        return Thumbprints.bytes(registered.certificate(), "SHA-256");
    }

    static Stream<Rule> rules() {
        long now = Instant.now().getEpochSecond();
        String hex = Thumbprints.hex(registered.certificate(), "SHA-1");
        return Stream.of(
                new Rule("no x5t, x5t#S256 or kid", header(j -> j.getHeaders().setObjectHeaderValue("x5t", null)),
                        Answer.invalidRequest(5002723), Severity.ERROR, "has no x5t, x5t#S256 or kid"),
                new Rule("x5t is the SHA-1 hex text", header(j -> j.setHeader("x5t", hex)),
                        Answer.invalidClient(700027), Severity.ERROR, "x5t holds the thumbprint as hex text"),
                new Rule("x5t#S256 is the SHA-256 hex text", header(j -> {
                    j.getHeaders().setObjectHeaderValue("x5t", null);
                    j.setHeader("x5t#S256", Thumbprints.hex(registered.certificate(), "SHA-256"));
                }), Answer.invalidClient(700027), Severity.ERROR, "x5t#S256 holds the thumbprint as hex text"),
                new Rule("x5t is base64url of the hex text (the seed's second attempt)",
                        header(j -> j.setHeader("x5t", Base64.getUrlEncoder().withoutPadding()
                                .encodeToString(hex.toLowerCase().getBytes()))),
                        Answer.invalidClient(700027), Severity.ERROR, "base64url of the thumbprint's hex text"),
                new Rule("x5t names another certificate", header(j -> j.setX509CertSha1ThumbprintHeaderValue(
                        other.certificate())), Answer.invalidClient(700027), Severity.ERROR, "another certificate"),
                new Rule("x5t decodes to the wrong length", header(j -> j.setHeader("x5t", "AAAA")),
                        Answer.invalidClient(700027), Severity.ERROR, "x5t decodes to 3 bytes"),
                new Rule("x5t is not base64", header(j -> j.setHeader("x5t", "a!b?")),
                        Answer.invalidClient(700027), Severity.ERROR, "x5t is neither base64url nor base64"),
                new Rule("x5t#S256 in standard base64 (msal4j)", header(j -> {
                    j.getHeaders().setObjectHeaderValue("x5t", null);
                    j.setHeader("x5t#S256", Base64.getEncoder().encodeToString(sha256()));
                }), Answer.ACCEPTED, Severity.INFO, "x5t#S256 is "),
                new Rule("x5t in base64url with padding (MSAL Python)",
                        header(j -> j.setHeader("x5t", Base64.getUrlEncoder().encodeToString(sha1()))),
                        Answer.ACCEPTED, Severity.INFO, "x5t is "),
                new Rule("PS256 with a padded x5t#S256 (MSAL Python, PFX)", header(j -> {
                    j.setAlgorithmHeaderValue("PS256");
                    j.getHeaders().setObjectHeaderValue("x5t", null);
                    j.setHeader("x5t#S256", Base64.getUrlEncoder().encodeToString(sha256()));
                }), Answer.ACCEPTED, Severity.INFO, "x5t#S256 is "),
                new Rule("signed with another key", header(j -> j.setKey(other.privateKey())),
                        Answer.invalidClient(700027), Severity.ERROR, "does not verify with the certificate"),
                new Rule("alg HS256 (a shared secret)", () -> {
                    JsonWebSignature hs = new JsonWebSignature();
                    hs.setPayload(claims(c -> { }).toJson());
                    hs.setAlgorithmHeaderValue("HS256");
                    hs.setHeader("x5t", registered.x5t());
                    hs.setKey(new HmacKey(new byte[32]));
                    return hs.getCompactSerialization();
                }, Answer.invalidRequest(5002738), Severity.ERROR, "a shared-secret (HMAC) algorithm"),
                new Rule("alg ES256 (an EC key)", () -> {
                    JsonWebSignature es = new JsonWebSignature();
                    es.setPayload(claims(c -> { }).toJson());
                    es.setAlgorithmHeaderValue("ES256");
                    es.setHeader("typ", "JWT");
                    es.setX509CertSha1ThumbprintHeaderValue(ec.certificate());
                    es.setKey(ec.privateKey());
                    return es.getCompactSerialization();
                }, Answer.invalidRequest(5002738), Severity.WARN, "Entra ID accepts RS256 and PS256 only", ec),
                new Rule("no typ header", header(j -> j.getHeaders().setObjectHeaderValue("typ", null)),
                        Answer.ACCEPTED, Severity.INFO, "no typ header"),
                new Rule("sub differs from iss", claim(c -> c.setSubject("someone-else")),
                        Answer.invalidClient(50048), Severity.ERROR, "differ"),
                new Rule("iss and sub are another client", claim(c -> { c.setIssuer("other"); c.setSubject("other"); }),
                        Answer.invalidClient(700021), Severity.ERROR, "is not the client id"),
                new Rule("aud missing", claim(c -> c.unsetClaim("aud")),
                        Answer.invalidClient(50012), Severity.ERROR, "aud is missing"),
                new Rule("aud is not the token endpoint", claim(c -> c.setAudience("https://login.microsoftonline.com/x")),
                        Answer.invalidClient(50012), Severity.ERROR, "is not the token endpoint"),
                new Rule("exp missing", claim(c -> c.unsetClaim("exp")),
                        Answer.invalidRequest(90014), Severity.ERROR, "exp is missing"),
                new Rule("jti missing", claim(c -> c.unsetClaim("jti")),
                        Answer.invalidRequest(90014), Severity.ERROR, "jti is missing"),
                new Rule("expired", claim(c -> c.setExpirationTime(NumericDate.fromSeconds(now - 3600))),
                        Answer.invalidClient(700024), Severity.ERROR, "expired at"),
                new Rule("not valid yet", claim(c -> c.setNotBefore(NumericDate.fromSeconds(now + 3600))),
                        Answer.invalidClient(700024), Severity.ERROR, "in the future"),
                new Rule("valid for an hour (the demo is stricter than Entra)",
                        claim(c -> c.setExpirationTime(NumericDate.fromSeconds(now + 3600))),
                        Answer.invalidClient(700024), Severity.WARN, "minutes; an assertion should live"),
                new Rule("jti is a constant", claim(c -> c.setJwtId("1")),
                        Answer.ACCEPTED, Severity.WARN, "looks like a constant"),
                new Rule("encrypted (JWE), not signed", () -> {
                    JsonWebEncryption jwe = new JsonWebEncryption();
                    jwe.setPayload(claims(c -> { }).toJson());
                    jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
                    jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_128_CBC_HMAC_SHA_256);
                    jwe.setKey(new org.jose4j.keys.AesKey(new byte[32]));
                    return jwe.getCompactSerialization();
                }, Answer.invalidRequest(50027), Severity.ERROR, "encrypted (JWE)"));
    }

    static Map<String, Object> redeem(DemoIdentityProvider at, String assertion) throws Exception {
        return DemoIdentityProviderTest.post(at, Map.of("grant_type", "authorization_code", "code", "dummy-code",
                "redirect_uri", "http://localhost/cb", "client_id", CLIENT,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion), null);
    }

    static void assertAnswer(Answer expected, Map<String, Object> response) {
        assertEquals(expected.status(), response.get("status"), response.toString());
        assertEquals(expected.error(), response.get("error"), response.toString());
        assertEquals(List.of(expected.code()), response.get("error_codes"), response.toString());
    }

    static Inspection inspect(String assertion, ClientCredentials signer) throws Exception {
        return new AssertionInspector(Clock.systemUTC()).inspect(assertion, new Expectations(
                Optional.of(signer.certificate()), Optional.of(CLIENT), Optional.of(idp.tokenEndpoint())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleThenTheDemoIdpAnswersAsEntraAndInspectSaysSo(Rule rule) throws Exception {
        String assertion = rule.assertion().build();

        assertAnswer(rule.demo(), redeem(idp, assertion));
        Inspection inspection = inspect(assertion, rule.signer());
        List<Finding> findings = inspection.findings();
        assertTrue(findings.stream().anyMatch(f -> f.severity() == rule.severity() && f.title().contains(rule.finding())),
                rule.severity() + " '" + rule.finding() + "' in " + findings);
        assertEquals(rule.severity() == Severity.ERROR, inspection.hasErrors(), "only what Entra refuses is an error: "
                + findings);
    }

    @Test
    void sameAssertionTwiceThenAcceptedAsEntraDoesAndRefusedOnlyByTheReplayRule() throws Exception {
        String assertion = signed(c -> { }, j -> { }).build();
        assertAnswer(Answer.ACCEPTED, redeem(idp, assertion));
        assertAnswer(Answer.ACCEPTED, redeem(idp, assertion));

        DemoIdentityProvider strict = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(),
                DemoIdpSettings.DEFAULTS.withReplayCheck());
        strict.start();
        try {
            strict.register(new RegisteredClient(CLIENT, List.of(URI.create("http://localhost/cb")),
                    List.of(registered.certificate()), Optional.empty(), Optional.empty()));
            String forStrict = signed(c -> c.setAudience(strict.tokenEndpoint().toString()), j -> { }).build();
            assertAnswer(Answer.ACCEPTED, redeem(strict, forStrict));
            assertAnswer(Answer.invalidClient(50027), redeem(strict, forStrict));
        } finally {
            strict.stop();
        }
    }
}
