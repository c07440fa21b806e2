package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upstream that accepts but never answers: after upstream.timeout the browser gets the 504 page. */
class UpstreamTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void upstreamSilentLongerThanTimeoutThen504Page() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
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
