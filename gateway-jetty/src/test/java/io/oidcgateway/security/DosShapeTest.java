package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs shaped to exhaust memory or CPU: refused early, bounded, and the sessions survive. */
class DosShapeTest {
    @TempDir
    Path dir;

    @Test
    void hugeCookieHeaderThen431() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            RawHttp.Response r = RawHttp.get(s.gateway, "/x", "Cookie: a=" + "x".repeat(64 * 1024));

            assertTrue(r.status() == 431 || r.status() == 400, r.head());
        }
    }

    @Test
    void tenThousandLoginStartsThenPendingLoginsStayBoundedAndSessionsSurvive() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("session.max-pending-logins", "1000"))) {
            String session = s.signIn("alice");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest start = HttpRequest.newBuilder(URI.create(s.system.url("/oauth2/start"))).build();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int redirected = 0;
                    for (int i = 0; i < 1250; i++) {
                        if (http.send(start, HttpResponse.BodyHandlers.discarding()).statusCode() == 302) {
                            redirected++;
                        }
                    }
                    return redirected;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            pool.shutdown();

            assertEquals(10_000, total);
            assertTrue(s.system.gateway.gateway().pendingLogins().count() <= 1000,
                    "pending logins: " + s.system.gateway.gateway().pendingLogins().count());
            assertEquals(200, RawHttp.get(s.gateway, "/oauth2/userinfo", "Cookie: gateway_session=" + session).status());
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostileJoseInputsThenRefusedQuickly() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("access.bearer-audiences", "e2e-client"))) {
            String junk = b64("x".repeat(64));
            List<String> hostile = List.of(
                    b64("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128CBC-HS256\",\"p2c\":2147483647,\"p2s\":\"AAAA\"}")
                            + "." + junk + "." + junk + "." + junk + "." + junk,
                    b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"zip\":\"DEF\"}") + "." + "." + junk + "."
                            + b64("y".repeat(100_000)) + "." + junk,
                    b64("{\"alg\":\"RS256\",\"kid\":\"" + "k".repeat(5000) + "\"}") + "." + junk + "." + junk,
                    b64("{\"alg\":\"RS256\",\"crit\":[\"exp\"]}") + "." + junk + "." + junk,
                    // Nested as deep as a header line allows, and as deep as a form body allows.
                    b64("{\"alg\":" + "[".repeat(2000) + "]".repeat(2000) + "}") + "." + junk + "." + junk,
                    b64("{\"alg\":\"RS256\"}") + "." + b64("{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")
                            + "." + junk);
            HttpClient http = HttpClient.newHttpClient();
            for (String token : hostile) {
                Instant began = Instant.now();
                HttpResponse<String> logout = http.send(HttpRequest.newBuilder(
                        URI.create(s.system.url("/oauth2/backchannel_logout")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                                + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(URI.create(s.system.url("/api")))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

                assertEquals(400, logout.statusCode(), logout.body());
                assertTrue(bearer.statusCode() == 401 || bearer.statusCode() == 431, bearer.body());
                assertTrue(Duration.between(began, Instant.now()).toSeconds() < 5, "took too long: " + token.substring(0, 40));
            }
        }
    }
}
