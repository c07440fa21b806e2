package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that accepts but never answers: after its route's timeout the browser gets the
 * 504 page, while the other routes, with their own limits, keep answering.
 */
class UpstreamTimeoutTest {
    @TempDir
    Path dir;

    /** Accepts connections and never answers them. */
    private static Thread silentAcceptor(ServerSocket silent, List<Socket> held) {
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return acceptor;
    }

    @Test
    void routeSilentLongerThanItsOwnTimeoutThen504WhileTheDefaultRouteAnswers() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            silentAcceptor(silent, held);
            String upstream = "http://127.0.0.1:" + silent.getLocalPort();
            try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of("upstream.timeout", "30s",
                    "route.slow.path", "/slow", "route.slow.timeout", "500ms", "route.slow.upstream", upstream,
                    "route.held.path", "/held", "route.held.timeout", "500ms", "route.held.upstream", upstream,
                    "access.skip-paths", "/slow, /public"))) {
                // HTTP/1.1: the JDK's default offers an h2c upgrade, and requests with one go the filter's way.
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long start = System.nanoTime();

                var slow = http.send(HttpRequest.newBuilder(URI.create(system.url("/slow/x")))
                        .build(), HttpResponse.BodyHandlers.ofString());
                // Signed in, the short path proxies it: the route's timeout holds there as well.
                var signedIn = http.send(HttpRequest.newBuilder(URI.create(system.url("/held/x")))
                        .header("Cookie", "gateway_session=" + system.signIn("alice")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertEquals(504, slow.statusCode());
                assertEquals(504, signedIn.statusCode(), signedIn.body());
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(),
                        "the route's 500 ms, not upstream.timeout's 30 s");
                assertEquals(200, http.send(HttpRequest.newBuilder(
                        URI.create(system.url("/public/x"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void upstreamThatNeverAcceptsThen502AfterTheConnectTimeout() throws Exception {
        // A listener whose accept queue is full: the kernel drops further connection attempts.
        try (ServerSocket full = new ServerSocket(0, 1)) {
            List<Socket> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket();
                try {
                    s.connect(full.getLocalSocketAddress(), 200);
                    queued.add(s);
                } catch (java.io.IOException queueFull) {
                    s.close();
                }
            }
            String upstream = "http://127.0.0.1:" + full.getLocalPort();
            try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of("route.busy.path", "/busy",
                    "route.busy.upstream", upstream, "route.busy.timeout", "60s",
                    "route.queued.path", "/queued", "route.queued.upstream", upstream, "route.queued.timeout", "60s",
                    "upstream.connect-timeout", "500ms", "access.skip-paths", "/busy"))) {
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(system.url("/busy/x"))).header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                // Signed in, the short path's own HTTP client: the same connect timeout.
                HttpResponse<String> signedIn = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                        .send(HttpRequest.newBuilder(
                        URI.create(system.url("/queued/x"))).header("Accept", "application/json")
                        .header("Cookie", "gateway_session=" + system.signIn("alice"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

                assertEquals(502, page.statusCode(), "no connection within upstream.connect-timeout: " + page.body());
                assertTrue(page.body().contains("upstream_unavailable"), page.body());
                assertEquals(502, signedIn.statusCode(), "the short path too: " + signedIn.body());
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void upstreamResetsTheConnectionThen502WithTheRequestIdInsteadOfAHang() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = resetting.accept();
                        s.setSoLinger(true, 0);
                        s.close();
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of("route.reset.path", "/reset",
                    "route.reset.upstream", "http://127.0.0.1:" + resetting.getLocalPort(),
                    "access.skip-paths", "/reset"))) {
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(system.url("/reset/x"))).header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.ofString());

                assertEquals(502, page.statusCode());
                String id = page.headers().firstValue("X-Request-Id").orElseThrow();
                assertTrue(page.body().contains(id), "the page names the id the log line has");
                assertTrue(page.body().contains("The application cannot be reached"), page.body());
            }
        }
    }

    @Test
    void upstreamSilentLongerThanTimeoutThen504Page() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            silentAcceptor(silent, held);
            try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of("upstream.timeout", "1s",
                    "route.slow.path", "/slow", "route.slow.upstream", "http://127.0.0.1:" + silent.getLocalPort()));
                    Browser browser = new Browser()) {
                Browser.signIn(browser.open(system.url("/")), "alice", "alice");

                HtmlPage page = browser.open(system.url("/slow/report"));

                assertEquals(504, page.getWebResponse().getStatusCode());
                assertTrue(page.asNormalizedText().contains("The application did not answer in time"),
                        page.asNormalizedText());
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
