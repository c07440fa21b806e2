package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-sent events through the gateway: the first event reaches the client while the
 * upstream is still writing. The upstream waits for the client to have it before it goes on,
 * so a gateway that buffered the response would never deliver it.
 */
class StreamingTest {
    @TempDir
    Path dir;

    @Test
    void serverSentEventsWhenTheUpstreamIsStillWritingThenTheFirstEventHasArrived() throws Exception {
        CountDownLatch clientHasFirst = new CountDownLatch(1);
        HttpServer events = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        events.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                boolean delivered = clientHasFirst.await(20, TimeUnit.SECONDS);
                out.write(("data: " + (delivered ? "second" : "never-delivered") + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        events.start();
        try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of("route.events.path", "/events",
                "route.events.upstream", "http://127.0.0.1:" + events.getAddress().getPort(),
                "access.skip-paths", "/events"))) {
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(system.url("/events/stream"))).header("Accept", "text/event-stream")
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

            assertEquals(200, response.statusCode());
            assertEquals("data: first", lines.readLine());
            clientHasFirst.countDown();
            assertEquals("", lines.readLine());
            assertEquals("data: second", lines.readLine(), "the first event came before the upstream finished");
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        } finally {
            events.stop(0);
        }
    }
}
