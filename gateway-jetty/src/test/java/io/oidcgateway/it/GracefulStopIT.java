package io.oidcgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to the packaged gateway while a slow upstream answer is on its way. */
class GracefulStopIT {
    @TempDir
    Path work;
    DemoIdentityProvider idp;
    HttpServer slowUpstream;
    final CountDownLatch arrived = new CountDownLatch(1);
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        idp.start();
        slowUpstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slowUpstream.createContext("/public/slow", exchange -> {
            arrived.countDown();
            sleep(Duration.ofSeconds(3));
            byte[] body = "finished".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slowUpstream.setExecutor(Executors.newFixedThreadPool(4));
        slowUpstream.start();
    }

    @AfterEach
    void stop() throws Exception {
        slowUpstream.stop(0);
        idp.stop();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private GatewayProcess gateway(String shutdownTimeout) throws Exception {
        int port = FreePorts.next();
        Path config = work.resolve("gateway.properties");
        Files.writeString(config, String.join("\n",
                "server.host=127.0.0.1", "server.port=" + port, "server.public-url=http://localhost:" + port,
                "server.shutdown-timeout=" + shutdownTimeout,
                "upstream.url=http://127.0.0.1:" + slowUpstream.getAddress().getPort(),
                "oidc.issuer=" + idp.issuer(), "oidc.client-id=stop-client", "oidc.client-auth=client_secret_post",
                "oidc.client-secret=s", "access.skip-paths=/public"));
        return GatewayProcess.start(config, port, Map.of(), work.resolve("gateway.log"));
    }

    private CompletableFuture<HttpResponse<String>> slowRequest(GatewayProcess gateway) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(
                gateway.url.resolve("/public/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(arrived.await(10, TimeUnit.SECONDS), "the request reached the upstream");
        return answer;
    }

    @Test
    void sigtermWhileARequestIsInFlightThenItFinishesNewOnesAreRefusedAndTheExitIs0() throws Exception {
        GatewayProcess gateway = gateway("10s");
        CompletableFuture<HttpResponse<String>> inFlight = slowRequest(gateway);

        gateway.terminate();
        Thread.sleep(500);

        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(gateway.url.resolve("/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString()), "no new connections while stopping");
        HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertEquals("finished", answer.body());
        assertEquals(0, gateway.exitCode(Duration.ofSeconds(10)), gateway.logTail(20));
        assertTrue(gateway.logTail(20).contains("SIGTERM: stopping"), gateway.logTail(20));
        assertTrue(gateway.logTail(20).contains(" GET /public/slow 200 8 "), "run writes the access log to"
                + " standard output by default: " + gateway.logTail(20));
    }

    @Test
    void sigtermWhenTheRequestOutlastsTheShutdownTimeoutThenTheProcessStillEndsInTime() throws Exception {
        GatewayProcess gateway = gateway("1s");
        slowRequest(gateway);
        long start = System.nanoTime();

        gateway.terminate();
        int exit = gateway.exitCode(Duration.ofSeconds(10));

        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < 2_900, "ended after " + took + " ms, before the upstream's 3 s answer");
        assertEquals(0, exit, gateway.logTail(20));
    }
}
