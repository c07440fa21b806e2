package io.oidcgateway.it;

import io.oidcgateway.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.TestCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Interoperability with an IdP we did not write: Keycloak, with the gateway's certificate
 * imported for "Signed JWT" client authentication, signed into through Chromium.
 */
class KeycloakChromiumIT {
    static final String REALM = "gateway-it";
    static final String USER = "carol";
    static final String PASSWORD = "carol-Passw0rd";

    @TempDir
    static Path work;
    static KeycloakServer keycloak;
    static String carolId;
    static ClientCredentials credentials;

    @BeforeAll
    static void startKeycloak() throws Exception {
        Chromium.requireInstalled();
        keycloak = KeycloakServer.start(work);
        keycloak.createRealm(REALM, Duration.ofSeconds(60));
        carolId = keycloak.createUser(REALM, USER, PASSWORD, "carol@example.com");
        credentials = TestCredentials.create(KeyType.RSA2048, "CN=gateway-it");
        TestCredentials.writePem(credentials, work);
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** A gateway process (with the demo echo upstream) registered at Keycloak as its own client. */
    private GatewayProcess gateway(String clientId, Map<String, String> extra) throws Exception {
        int port = FreePorts.next();
        URI publicUrl = URI.create("http://localhost:" + port);
        keycloak.createCertificateClient(REALM, clientId, publicUrl, credentials.certificate());
        StringBuilder config = new StringBuilder(String.join("\n",
                "server.host=127.0.0.1",
                "server.port=" + port,
                "server.public-url=" + publicUrl,
                "upstream.url=http://localhost:" + FreePorts.next(),
                "demo.upstream=true",
                "oidc.issuer=" + keycloak.issuer(REALM),
                "oidc.client-id=" + clientId,
                "oidc.client-certificate=client.crt",
                "oidc.client-key=client.key",
                "oidc.scopes=openid profile email offline_access")).append('\n');
        extra.forEach((k, v) -> config.append(k).append('=').append(v).append('\n'));
        Path file = work.resolve(clientId + ".properties");
        Files.writeString(file, config);
        return GatewayProcess.start(file, port, Map.of(), work.resolve(clientId + ".log"));
    }

    private static String context(Chromium chrome, GatewayProcess gateway) {
        return chrome.describe() + "\n\ngateway log:\n" + gateway.logTail(25) + "\n\nKeycloak log:\n"
                + keycloak.logTail(15);
    }

    private static void signIn(Chromium chrome) {
        chrome.await(By.id("username")).sendKeys(USER);
        chrome.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        chrome.driver.findElement(By.id("kc-login")).click();
    }

    private static JwtClaims verifiedByKeycloak(String bearer) throws Exception {
        return new JwtConsumerBuilder()
                .setExpectedIssuer(keycloak.issuer(REALM).toString())
                .setSkipDefaultAudienceValidation()
                .setRequireExpirationTime()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(keycloak.jwks(REALM).toString())))
                .build()
                .processToClaims(bearer.substring("Bearer ".length()));
    }

    @Test
    void loginThroughKeycloakThenUpstreamGetsAKeycloakTokenAndTheUsersIdentity() throws Exception {
        try (GatewayProcess gateway = gateway("gateway-login", Map.of());
                Chromium chrome = Chromium.start(work.resolve("chrome-login"))) {
            Diagnose.run(() -> context(chrome, gateway), () -> {
                chrome.open(gateway.url + "/app/page?x=1");
                signIn(chrome);
                chrome.await(By.id("headers"));

                assertEquals(gateway.url + "/app/page?x=1", chrome.driver.getCurrentUrl());
                List<String> authorization = chrome.upstreamHeader("Authorization");
                assertEquals(1, authorization.size(), authorization.toString());
                JwtClaims token = verifiedByKeycloak(authorization.get(0));
                assertEquals(carolId, token.getSubject());
                assertEquals(List.of(carolId), chrome.upstreamHeader("X-Forwarded-User"));
                assertEquals(List.of("carol@example.com"), chrome.upstreamHeader("X-Forwarded-Email"));
                assertEquals(List.of(USER), chrome.upstreamHeader("X-Forwarded-Preferred-Username"));
            });
        }
    }

    @Test
    void signOutThenTheSessionIsGoneAtTheGatewayAndAtKeycloak() throws Exception {
        try (GatewayProcess gateway = gateway("gateway-signout", Map.of());
                Chromium chrome = Chromium.start(work.resolve("chrome-signout"))) {
            Diagnose.run(() -> context(chrome, gateway), () -> {
                chrome.open(gateway.url + "/");
                signIn(chrome);
                chrome.await(By.id("headers"));

                chrome.open(gateway.url + "/oauth2/sign_out");

                chrome.await(By.id("username"));
                assertTrue(chrome.driver.getCurrentUrl().startsWith(keycloak.issuer(REALM).toString()),
                        "Keycloak asks for the password again: " + chrome.driver.getCurrentUrl());
                assertTrue(chrome.driver.manage().getCookieNamed("gateway_session") == null
                        || chrome.driver.manage().getCookieNamed("gateway_session").getValue().isEmpty());
            });
        }
    }

    @Test
    void refreshAgainstKeycloakThenTheUpstreamSeesANewValidToken() throws Exception {
        // The realm's access tokens live 60 s; refreshing 120 s ahead makes every request refresh.
        try (GatewayProcess gateway = gateway("gateway-refresh", Map.of("session.refresh-before", "120s"));
                Chromium chrome = Chromium.start(work.resolve("chrome-refresh"))) {
            Diagnose.run(() -> context(chrome, gateway), () -> {
                chrome.open(gateway.url + "/first");
                signIn(chrome);
                chrome.await(By.id("headers"));
                String first = chrome.upstreamHeader("Authorization").get(0);

                chrome.open(gateway.url + "/second");
                chrome.await(By.id("headers"));
                String second = chrome.upstreamHeader("Authorization").get(0);

                assertNotEquals(first, second);
                assertEquals(carolId, verifiedByKeycloak(second).getSubject());
                assertFalse(gateway.logTail(500).contains(second.substring("Bearer ".length())),
                        "the token never reaches the log");
            });
        }
    }
}
