package io.oidcgateway.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.oidcgateway.cli.CliProcess;
import io.oidcgateway.clientauth.ClientAssertionFactory;
import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.ClientKeySource;
import io.oidcgateway.config.AssertionConfig;
import io.oidcgateway.demo.DemoIdpSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwx.CompactSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * msal4j, Microsoft's own Java client, as the reference for what Entra accepts: its assertions
 * for a certificate made by {@code cert new} pass {@code assertion inspect} without an error and
 * authenticate the client at the demo IdP ({@code invalid_grant} for a dummy code, never
 * {@code invalid_client}).
 */
class Msal4jReferenceTest {
    @TempDir
    Path dir;

    static ConfidentialClientApplication msal4j(EntraLikeIdp entra) throws Exception {
        return ConfidentialClientApplication.builder(EntraLikeIdp.CLIENT_ID,
                        ClientCredentialFactory.createFromCertificate(entra.key, entra.certificate))
                .authority(entra.authority() + "/")
                .validateAuthority(false)
                .instanceDiscovery(false)
                .sslSocketFactory(entra.tls.clientContext().getSocketFactory())
                .build();
    }

    /** Redeems a code nobody issued: the answer says whether client authentication passed. */
    static MsalServiceException redeemDummyCode(ConfidentialClientApplication app) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> app.acquireToken(
                AuthorizationCodeParameters.builder("dummy-code", EntraLikeIdp.REDIRECT_URI)
                        .scopes(Set.of("User.Read")).build()).get());
        return assertInstanceOf(MsalServiceException.class, e.getCause());
    }

    @Test
    void msal4jAssertionThenTheDemoIdpAuthenticatesTheClient() throws Exception {
        try (EntraLikeIdp entra = EntraLikeIdp.start(dir, DemoIdpSettings.DEFAULTS)) {
            ConfidentialClientApplication app = msal4j(entra);

            for (int attempt = 1; attempt <= 2; attempt++) {
                MsalServiceException refused = redeemDummyCode(app);
                assertEquals("invalid_grant", refused.errorCode(), "attempt " + attempt + ": " + refused.getMessage());
            }
            assertEquals(2, entra.idp.testHooks().receivedAssertions().size());
        }
    }

    @Test
    void msal4jAssertionThenInspectFindsNoErrorAndNamesTheBase64Spelling() throws Exception {
        try (EntraLikeIdp entra = EntraLikeIdp.start(dir, DemoIdpSettings.DEFAULTS)) {
            redeemDummyCode(msal4j(entra));
            String assertion = entra.idp.testHooks().receivedAssertions().get(0);

            CliProcess.Result inspected = entra.inspect(dir, assertion);

            assertEquals(0, inspected.exitCode(), inspected.toString());
            assertFalse(inspected.stdout().contains("ERROR"), inspected.stdout());
            assertTrue(inspected.stdout().contains("INFO   x5t#S256 is "), inspected.stdout());
            assertTrue(inspected.stdout().contains("compare the decoded bytes"), inspected.stdout());
        }
    }

    @Test
    void msal4jThenEveryRequestCarriesAFreshAssertion() throws Exception {
        try (EntraLikeIdp entra = EntraLikeIdp.start(dir, DemoIdpSettings.DEFAULTS.withReplayCheck())) {
            ConfidentialClientApplication app = msal4j(entra);

            assertEquals("invalid_grant", redeemDummyCode(app).errorCode());
            assertEquals("invalid_grant", redeemDummyCode(app).errorCode(), "the replay check passes a new jti");
            List<String> assertions = entra.idp.testHooks().receivedAssertions();

            assertNotEquals(assertions.get(0), assertions.get(1), "msal4j 1.26.1 signs a new assertion per request");
        }
    }

    private static Map<String, Object> part(String jwt, int index) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(CompactSerializer.deserialize(jwt)[index]),
                StandardCharsets.UTF_8));
    }

    /** README's "The gateway's assertion and Microsoft's" records these differences; this keeps it true. */
    @Test
    void gatewayAndMsal4jAssertionsThenTheyDifferOnlyWhereReadmeSays() throws Exception {
        try (EntraLikeIdp entra = EntraLikeIdp.start(dir, DemoIdpSettings.DEFAULTS)) {
            redeemDummyCode(msal4j(entra));
            String theirs = entra.idp.testHooks().receivedAssertions().get(0);
            ClientCredentials credentials = new ClientCredentials(entra.key, List.of(entra.certificate), "cert new");
            String ours = new ClientAssertionFactory(EntraLikeIdp.CLIENT_ID, ClientKeySource.of(credentials),
                    new AssertionConfig(AssertionConfig.DEFAULT_ALGORITHM, AssertionConfig.DEFAULT_HEADERS,
                            Optional.empty(), AssertionConfig.DEFAULT_LIFETIME), Clock.systemUTC())
                    .create(URI.create(entra.tokenEndpoint()));
            Map<String, Object> ourHeader = part(ours, 0);
            Map<String, Object> theirHeader = part(theirs, 0);
            Map<String, Object> ourClaims = part(ours, 1);
            Map<String, Object> theirClaims = part(theirs, 1);

            assertEquals(Set.of("alg", "typ", "x5t", "x5t#S256"), ourHeader.keySet());
            assertEquals(Set.of("alg", "typ", "x5t#S256", "x5c"), theirHeader.keySet());
            assertEquals(ourHeader.get("alg"), theirHeader.get("alg"));
            assertEquals(ourHeader.get("typ"), theirHeader.get("typ"));
            assertArrayEquals(Base64.getUrlDecoder().decode((String) ourHeader.get("x5t#S256")),
                    Base64.getDecoder().decode((String) theirHeader.get("x5t#S256")), "the same thumbprint bytes");
            assertEquals(Set.of("iss", "sub", "aud", "jti", "iat", "nbf", "exp"), ourClaims.keySet());
            assertEquals(Set.of("iss", "sub", "aud", "jti", "nbf", "exp"), theirClaims.keySet());
            for (String claim : List.of("iss", "sub", "aud")) {
                assertEquals(ourClaims.get(claim), theirClaims.get(claim), claim);
            }
            assertEquals(300L, lifetime(ourClaims));
            assertEquals(600L, lifetime(theirClaims));
        }
    }

    private static long lifetime(Map<String, Object> claims) {
        return ((Number) claims.get("exp")).longValue() - ((Number) claims.get("nbf")).longValue();
    }
}
