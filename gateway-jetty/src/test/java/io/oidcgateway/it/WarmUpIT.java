package io.oidcgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.oidcgateway.testing.FreePorts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway with {@code server.warm-up}: it compiles its request path through a
 * private gateway before it listens, refuses connections meanwhile (a load balancer tries
 * another instance), and the warm-up leaves no trace in the access log.
 */
class WarmUpIT {
    @TempDir
    Path work;

    @Test
    void warmUpThenRefusedWhileItRunsListeningAfterAndNoWarmUpRequestInTheAccessLog() throws Exception {
        int port = FreePorts.next();
        Map<String, String> env = Map.of(
                "GATEWAY_SERVER_WARM_UP", "20s",
                "GATEWAY_SERVER_ACCESS_LOG", "stdout",
                "GATEWAY_SERVER_PORT", String.valueOf(port),
                "GATEWAY_SERVER_PUBLIC_URL", "http://localhost:" + port,
                "GATEWAY_OIDC_ISSUER", "http://localhost:" + FreePorts.next(),
                "GATEWAY_UPSTREAM_URL", "http://localhost:" + FreePorts.next());
        try (GatewayProcess gateway = GatewayProcess.launch(Path.of("../config/gateway.properties"), port, env,
                work.resolve("gateway.log"), List.of())) {
            awaitLog(gateway, "warming up the request path");
            boolean refused = refused(port);
            // Accepted is right only when the warm-up had already ended (a fast machine).
            boolean ended = gateway.log().contains("oidc-gateway listening");
            gateway.awaitReady();
            String log = gateway.log();

            assertTrue(refused || ended, "a connection was accepted during the warm-up:\n" + log);
            Matcher done = Pattern.compile("warmed up: (\\d+) requests in (\\d+) ms").matcher(log);
            assertTrue(done.find(), log);
            assertTrue(Long.parseLong(done.group(1)) > 100, done.group());
            assertTrue(log.indexOf("warmed up") < log.indexOf("oidc-gateway listening"), log);
            assertEquals(1, count(log, "login of oidc-gateway-warm-up completed"), "one login, its own line");
            for (String warmUpPath : List.of(" /page", " /api/items", " /moved", " /missing", "/oauth2/callback")) {
                assertFalse(log.contains(warmUpPath), "the warm-up's " + warmUpPath + " in the access log:\n" + log);
            }
            assertFalse(log.contains("WARN"), log);
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitLog(GatewayProcess gateway, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!gateway.log().contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                fail("not in the log within 30 s: " + text + "\n" + gateway.logTail(20));
            }
            Thread.sleep(50);
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
