package io.oidcgateway.reference;

import io.oidcgateway.testing.RequiredTools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.cli.CliProcess;
import io.oidcgateway.clientauth.Thumbprints;
import io.oidcgateway.demo.DemoIdpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwx.CompactSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MSAL Python (Debian's python3-msal, which .ci/run installs) as the reference client: it
 * writes x5t as base64url with '=' padding, adds iat and no nbf, and reuses one assertion, jti
 * and all, for its second request. The demo IdP, like Entra, accepts both requests, and
 * {@code assertion inspect} finds no error.
 */
class MsalPythonReferenceTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @BeforeAll
    static void msalPythonInstalled() throws Exception {
        boolean installed = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import msal")
                .redirectErrorStream(true).start().waitFor() == 0;
        RequiredTools.require(installed, "MSAL Python", "python3-msal");
    }

    private List<Map<String, Object>> redeemDummyCodeTwice(EntraLikeIdp entra) throws Exception {
        Path script = Path.of("src/test/resources/reference/msal_python_dummy_code.py").toAbsolutePath();
        Path ca = entra.tls.writeCaPem(dir.resolve("ca.pem"));
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), script.toString(), entra.authority(),
                EntraLikeIdp.CLIENT_ID, entra.credentials.resolve("client.key").toString(),
                Thumbprints.hex(entra.certificate, "SHA-1"), ca.toString(), EntraLikeIdp.REDIRECT_URI.toString())
                .redirectError(dir.resolve("python.err").toFile());
        // requests lets these variables override the CA that MSAL is given; some machines set them.
        builder.environment().put("REQUESTS_CA_BUNDLE", ca.toString());
        builder.environment().remove("CURL_CA_BUNDLE");
        Process python = builder.start();
        String out = new String(python.getInputStream().readAllBytes());
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), out + Files.readString(dir.resolve("python.err")));
        return out.lines().map(line -> {
            try {
                return JsonUtil.parseJson(line);
            } catch (org.jose4j.lang.JoseException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }

    private static Map<String, Object> part(String jwt, int index) throws Exception {
        return JsonUtil.parseJson(new String(java.util.Base64.getUrlDecoder()
                .decode(CompactSerializer.deserialize(jwt)[index]), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void msalPythonReusingItsAssertionThenBothRequestsAuthenticateTheClient() throws Exception {
        try (EntraLikeIdp entra = EntraLikeIdp.start(dir, DemoIdpSettings.DEFAULTS)) {
            List<Map<String, Object>> results = redeemDummyCodeTwice(entra);

            assertEquals(2, results.size());
            for (Map<String, Object> result : results) {
                assertEquals("invalid_grant", result.get("error"), String.valueOf(result));
            }
            List<String> assertions = entra.idp.testHooks().receivedAssertions();
            assertEquals(assertions.get(0), assertions.get(1), "MSAL Python reuses its assertion, jti and all");
        }
    }

    @Test
    void msalPythonAssertionThenPaddedX5tAndInspectFindsNoError() throws Exception {
        try (EntraLikeIdp entra = EntraLikeIdp.start(dir, DemoIdpSettings.DEFAULTS)) {
            redeemDummyCodeTwice(entra);
            String assertion = entra.idp.testHooks().receivedAssertions().get(0);
            Map<String, Object> header = part(assertion, 0);

            assertTrue(String.valueOf(header.get("x5t")).endsWith("="), "MSAL Python pads x5t: " + header);
            // README's "The gateway's assertion and Microsoft's" records this shape.
            assertEquals(java.util.Set.of("alg", "typ", "x5t"), header.keySet());
            Map<String, Object> claims = part(assertion, 1);
            assertEquals(java.util.Set.of("iss", "sub", "aud", "jti", "iat", "exp"), claims.keySet());
            assertEquals(600, Math.round(((Number) claims.get("exp")).doubleValue()
                    - ((Number) claims.get("iat")).doubleValue()));
            CliProcess.Result inspected = entra.inspect(dir, assertion);
            assertEquals(0, inspected.exitCode(), inspected.toString());
            assertFalse(inspected.stdout().contains("ERROR"), inspected.stdout());
            assertTrue(inspected.stdout().contains("INFO   x5t is base64url with '=' padding")
                    || inspected.stdout().contains("INFO   x5t is base64 with '=' padding"), inspected.stdout());
        }
    }

    @Test
    void msalPythonSecondRequestThenOnlyTheRfc7523ReplayRuleRefusesIt() throws Exception {
        try (EntraLikeIdp entra = EntraLikeIdp.start(dir, DemoIdpSettings.DEFAULTS.withReplayCheck())) {
            List<Map<String, Object>> results = redeemDummyCodeTwice(entra);

            assertEquals("invalid_grant", results.get(0).get("error"), String.valueOf(results));
            assertEquals("invalid_client", results.get(1).get("error"), String.valueOf(results));
            assertTrue(String.valueOf(results.get(1).get("error_description")).contains("AADSTS50027"));
        }
    }
}
