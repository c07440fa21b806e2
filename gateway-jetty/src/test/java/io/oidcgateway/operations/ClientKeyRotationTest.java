package io.oidcgateway.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import io.oidcgateway.demo.RegisteredClient;
import io.oidcgateway.e2e.Browser;
import io.oidcgateway.e2e.GatewayFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.htmlunit.html.HtmlPage;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate is replaced on disk while the gateway runs, as an operator or cert-manager
 * does before it expires: the next assertion is signed with the new pair, a login begun before
 * still completes, and a mismatched pair is refused while the good one stays.
 */
class ClientKeyRotationTest {
    @TempDir
    Path dir;
    GatewayFixture system;
    ClientCredentials next;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void bothCertificatesRegistered() throws Exception {
        system = GatewayFixture.start(dir, true, Map.of());
        next = new SelfSignedCertificates(Clock.systemUTC(), new SecureRandom())
                .create(KeyType.RSA2048, "CN=next", Duration.ofDays(90), "next");
        // Entra holds both certificates of the app registration during a rotation.
        system.idp.register(new RegisteredClient(GatewayFixture.CLIENT_ID,
                List.of(system.gateway.gateway().config().server().redirectUri()),
                List.of(system.credentials.certificate(), next.certificate()), Optional.empty(), Optional.empty()));
    }

    @AfterEach
    void stop() throws Exception {
        system.close();
    }

    private void write(String name, String content) throws Exception {
        Path temporary = dir.resolve(name + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(system.url("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String awaitMetric(String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = metrics();
        while (!text.contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            text = metrics();
        }
        assertTrue(text.contains(line), "never saw " + line);
        return text;
    }

    private String lastAssertionX5t() throws Exception {
        List<String> assertions = system.idp.testHooks().receivedAssertions();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(assertions.get(assertions.size() - 1));
        return jws.getHeader("x5t");
    }

    @Test
    void filesReplacedDuringALoginThenTheLoginCompletesSignedWithTheNewCertificate() throws Exception {
        try (Browser browser = new Browser()) {
            HtmlPage loginForm = browser.open(system.url("/"));

            write("client.key", PemFiles.pkcs8(next.privateKey()));
            write("client.crt", PemFiles.certificates(next.chain()));
            String text = awaitMetric("gateway_client_key_reloads_total{outcome=\"loaded\"} 1.0");
            HtmlPage signedIn = Browser.signIn(loginForm, "alice", "alice");

            assertEquals(200, signedIn.getWebResponse().getStatusCode(), signedIn.asNormalizedText());
            assertEquals(next.x5t(), lastAssertionX5t());
            assertTrue(text.contains("gateway_client_certificate_expiry_timestamp_seconds{x5t=\"" + next.x5t()
                    + "\"} " + (double) next.certificate().getNotAfter().toInstant().getEpochSecond()), text);
        }
    }

    @Test
    void mismatchedPairWrittenThenRefusedAndLoginsKeepTheGoodCertificate() throws Exception {
        ClientCredentials stranger = new SelfSignedCertificates(Clock.systemUTC(), new SecureRandom())
                .create(KeyType.RSA2048, "CN=stranger", Duration.ofDays(90), "stranger");

        write("client.crt", PemFiles.certificates(stranger.chain()));
        awaitMetric("gateway_client_key_reloads_total{outcome=\"refused\"} 1.0");
        try (Browser browser = new Browser()) {
            HtmlPage signedIn = Browser.signIn(browser.open(system.url("/")), "alice", "alice");

            assertEquals(200, signedIn.getWebResponse().getStatusCode(), signedIn.asNormalizedText());
            assertEquals(system.credentials.x5t(), lastAssertionX5t(), "the pair in use before stays");
        }
        assertTrue(metrics().contains("gateway_client_key_reloads_total{outcome=\"loaded\"} 0.0"));
    }
}
