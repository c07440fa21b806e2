package io.oidcgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.TestCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assertion inspect} as a process, on the seed's assertions and on one assertion per defect. */
class AssertionInspectTest {
    static final String CLIENT = "2f877daa-b6f5-42a3-8430-acf238b234e1";
    static final String TOKEN = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token";

    @TempDir
    Path dir;
    ClientCredentials cert;

    @BeforeEach
    void certificate() throws Exception {
        cert = TestCredentials.create(KeyType.RSA2048, "CN=inspect");
        Files.writeString(dir.resolve("client.crt"), PemFiles.certificates(cert.chain()));
    }

    private static String seed(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/seed", name)).strip();
    }

    private CliProcess.Result inspect(String jwt) throws Exception {
        return CliProcess.run(dir, Map.of(), "", "assertion", "inspect", jwt, "--cert", "client.crt",
                "--client-id", CLIENT, "--token-endpoint", TOKEN);
    }

    private String assertion(Consumer<JwtClaims> claims, Consumer<JsonWebSignature> header) throws Exception {
        long now = Instant.now().getEpochSecond();
        JwtClaims c = new JwtClaims();
        c.setIssuer(CLIENT);
        c.setSubject(CLIENT);
        c.setAudience(TOKEN);
        c.setJwtId(UUID.randomUUID().toString());
        c.setIssuedAt(NumericDate.fromSeconds(now));
        c.setNotBefore(NumericDate.fromSeconds(now));
        c.setExpirationTime(NumericDate.fromSeconds(now + 300));
        claims.accept(c);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setAlgorithmHeaderValue("RS256");
        jws.setHeader("typ", "JWT");
        jws.setX509CertSha1ThumbprintHeaderValue(cert.certificate());
        jws.setKey(cert.privateKey());
        header.accept(jws);
        return jws.getCompactSerialization();
    }

    private void assertFinding(CliProcess.Result r, String... expected) {
        assertEquals(1, r.exitCode(), r.toString());
        for (String text : expected) {
            assertTrue(r.stdout().contains(text), "expected '" + text + "' in\n" + r.stdout());
        }
    }

    @Test
    void inspectWhenSeedsFirstAssertionThenMissingThumbprintHeaderAndMissingAud() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, Map.of(), seed("first-assertion.jwt"), "assertion", "inspect", "-");

        assertFinding(r, "ERROR  The header has no x5t, x5t#S256 or kid", "AADSTS5002723",
                "ERROR  aud is missing", "is a certificate thumbprint");
    }

    @Test
    void inspectWhenSeedsSecondAttemptThenHexThumbprintTextWithEntrasOwnThumbprint() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, Map.of(), "", "assertion", "inspect", seed("second-assertion.jwt"));

        assertFinding(r, "x5t is base64url of the thumbprint's hex text ('bd1ed2c8376108384ee273a1801a07f08b31d724')",
                "AADSTS700027",
                "62643165643263383337363130383338346565323733613138303161303766303862333164373234");
    }

    @Test
    void inspectWhenCorrectThenNoProblemsExit0() throws Exception {
        CliProcess.Result r = inspect(assertion(c -> { }, h -> { }));

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("No problems found."), r.stdout());
    }

    @Test
    void inspectWhenX5tIsHexTextOrNotBase64OrWrongLengthOrAnotherCertificateThenAadsts700027WithTheRightValue()
            throws Exception {
        String right = cert.x5t();
        assertFinding(inspect(assertion(c -> { }, h -> h.setHeader("x5t", cert.sha1Hex()))),
                "x5t holds the thumbprint as hex text", "AADSTS700027", right);
        assertFinding(inspect(assertion(c -> { }, h -> h.setHeader("x5t", "a!b?c"))),
                "x5t is neither base64url nor base64", right);
        assertFinding(inspect(assertion(c -> { }, h -> h.setHeader("x5t", "AAAA"))), "x5t decodes to 3 bytes", right);
        assertFinding(inspect(assertion(c -> { }, h -> h.setHeader("x5t", "A".repeat(27)))),
                "x5t is the thumbprint of another certificate", right);
        assertFinding(inspect(assertion(c -> { }, h -> h.setHeader("x5t#S256", io.oidcgateway.clientauth.Thumbprints.hex(cert.certificate(), "SHA-256")))),
                "x5t#S256 holds the thumbprint as hex text", cert.x5tS256());
    }

    /** msal4j writes standard base64, MSAL Python pads base64url: the same bytes, which Entra accepts. */
    @Test
    void inspectWhenThumbprintIsTheRightBytesInAnotherSpellingThenNoErrorAndAnInfoLine() throws Exception {
        byte[] sha1 = org.jose4j.base64url.Base64Url.decode(cert.x5t());
        byte[] sha256 = org.jose4j.base64url.Base64Url.decode(cert.x5tS256());
        String padded = java.util.Base64.getUrlEncoder().encodeToString(sha1);
        String standard = java.util.Base64.getEncoder().encodeToString(sha256);

        CliProcess.Result r = inspect(assertion(c -> { }, h -> {
            h.setHeader("x5t", padded);
            h.setHeader("x5t#S256", standard);
        }));

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("INFO   x5t is "), r.stdout());
        assertTrue(r.stdout().contains("INFO   x5t#S256 is "), r.stdout());
        assertTrue(r.stdout().contains("No problems found."), r.stdout());
    }

    @Test
    void inspectWhenAudWrongOrIssuerWrongThenTheirCodes() throws Exception {
        assertFinding(inspect(assertion(c -> c.setAudience("https://login.microsoftonline.com/other/token"), h -> { })),
                "is not the token endpoint " + TOKEN, "AADSTS50012");
        assertFinding(inspect(assertion(c -> c.setSubject("someone"), h -> { })), "differ", "AADSTS50048");
        assertFinding(inspect(assertion(c -> { c.setIssuer("other"); c.setSubject("other"); }, h -> { })),
                "is not the client id " + CLIENT, "AADSTS700021");
    }

    @Test
    void inspectWhenJtiMissingOrConstantThenReported() throws Exception {
        assertFinding(inspect(assertion(c -> c.unsetClaim("jti"), h -> { })), "ERROR  jti is missing", "AADSTS90014");
        CliProcess.Result constant = inspect(assertion(c -> c.setJwtId("1"), h -> { }));
        assertEquals(0, constant.exitCode(), constant.toString());
        assertTrue(constant.stdout().contains("WARN   jti '1' looks like a constant"), constant.stdout());
    }

    @Test
    void inspectWhenTimesWrongThenAadsts700024OrAWarning() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertFinding(inspect(assertion(c -> c.unsetClaim("exp"), h -> { })), "ERROR  exp is missing");
        assertFinding(inspect(assertion(c -> c.setExpirationTime(NumericDate.fromSeconds(now - 3600)), h -> { })),
                "ERROR  expired at", "AADSTS700024");
        assertFinding(inspect(assertion(c -> c.setNotBefore(NumericDate.fromSeconds(now + 3600)), h -> { })),
                "in the future", "AADSTS700024");
        CliProcess.Result longLived = inspect(assertion(c -> c.setExpirationTime(NumericDate.fromSeconds(now + 3600)),
                h -> { }));
        assertTrue(longLived.stdout().matches("(?s).*WARN   valid for (59|60) minutes.*"), longLived.stdout());
    }

    @Test
    void inspectWhenAlgorithmRefusedOrSignatureWrongThenReported() throws Exception {
        JsonWebSignature hs = new JsonWebSignature();
        hs.setPayload("{\"iss\":\"" + CLIENT + "\"}");
        hs.setAlgorithmHeaderValue("HS256");
        hs.setKey(new HmacKey(new byte[32]));
        assertFinding(inspect(hs.getCompactSerialization()), "alg is HS256", "AADSTS5002738");
        assertFinding(inspect("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0."), "alg is 'none'");

        ClientCredentials other = TestCredentials.create(KeyType.RSA2048, "CN=other");
        assertFinding(inspect(assertion(c -> { }, h -> h.setKey(other.privateKey()))),
                "does not verify with the certificate CN=inspect", "AADSTS700027");
        assertFinding(inspect("not-a-jwt"), "Not a JWT", "AADSTS50027");
    }
}
