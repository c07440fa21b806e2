package io.oidcgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.DemoUpstream;
import io.oidcgateway.demo.RegisteredClient;
import io.oidcgateway.e2e.Browser;
import io.oidcgateway.testing.FreePorts;
import io.oidcgateway.testing.Nginx;
import io.oidcgateway.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged gateways, each its own JVM, on one redis-server, behind a Debian nginx that
 * balances them round-robin and retries a request on the other when a connection fails. One
 * is killed with SIGKILL under load: nobody is sent to the IdP, nobody signs in again, and at
 * most the requests the killed instance was answering fail.
 */
class SeveralInstancesBehindNginxIT {
    static final int CLIENTS = 8;

    @TempDir
    Path work;

    @Test
    void oneInstanceKilledUnderLoadThenNoRedirectNoNewLoginAndAtMostTheInFlightRequestsFail() throws Exception {
        int front = FreePorts.next();
        int portA = FreePorts.next();
        int portB = FreePorts.next();
        DemoIdentityProvider idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        DemoUpstream upstream = new DemoUpstream("127.0.0.1", 0);
        idp.start();
        upstream.start();
        try (RedisServer redis = RedisServer.standalone()) {
            Path config = writeConfig(idp, upstream, redis, "http://127.0.0.1:" + front);
            try (GatewayProcess a = GatewayProcess.start(config, portA, Map.of("GATEWAY_SERVER_PORT", "" + portA),
                    work.resolve("a.log"));
                    GatewayProcess b = GatewayProcess.start(config, portB, Map.of("GATEWAY_SERVER_PORT", "" + portB),
                            work.resolve("b.log"));
                    Nginx nginx = Nginx.start(work, front, roundRobin(front, portA, portB));
                    Browser browser = new Browser()) {
                String site = "http://127.0.0.1:" + front;
                Browser.signIn(browser.open(site + "/"), "alice", "alice");
                String cookie = "gateway_session=" + browser.web.getCookieManager().getCookie("gateway_session")
                        .getValue();
                int logins = idp.testHooks().codeGrants();

                Map<String, AtomicInteger> outcomes = load(site + "/data", cookie, a);

                String context = outcomes + "\nnginx: " + nginx.errorLog() + "\nB: " + b.logTail(20);
                assertEquals(0, count(outcomes, "302") + count(outcomes, "303"), "redirects to the IdP: " + context);
                assertEquals(0, count(outcomes, "401"), context);
                assertEquals(logins, idp.testHooks().codeGrants(), "nobody signed in again");
                int failed = outcomes.entrySet().stream().filter(e -> !e.getKey().startsWith("200"))
                        .mapToInt(e -> e.getValue().get()).sum();
                assertTrue(failed <= CLIENTS, "at most the requests in flight on the killed instance: " + context);
                assertTrue(count(outcomes, "200 after kill") > 50, "B served on alone: " + context);
            }
        } finally {
            upstream.stop();
            idp.stop();
        }
    }

    private Path writeConfig(DemoIdentityProvider idp, DemoUpstream upstream, RedisServer redis, String publicUrl)
            throws Exception {
        ClientCredentials credentials = new SelfSignedCertificates(Clock.systemUTC(), new SecureRandom())
                .create(KeyType.RSA2048, "CN=it", Duration.ofDays(1), "it");
        Files.writeString(work.resolve("client.crt"), PemFiles.certificates(credentials.chain()));
        PemFiles.writePrivate(work.resolve("client.key"), PemFiles.pkcs8(credentials.privateKey()));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        idp.register(new RegisteredClient("it-client", List.of(URI.create(publicUrl + "/oauth2/callback")),
                List.of(credentials.certificate()), Optional.empty(), Optional.empty()));
        Path config = work.resolve("gateway.properties");
        Files.writeString(config, String.join("\n",
                "server.host=127.0.0.1",
                "server.public-url=" + publicUrl,
                "upstream.url=" + upstream.url(),
                "oidc.issuer=" + idp.issuer(),
                "oidc.client-id=it-client",
                "oidc.client-certificate=client.crt",
                "oidc.client-key=client.key",
                "session.store=redis",
                "session.redis-url=" + redis.url(),
                "session.encryption-key=" + Base64.getEncoder().encodeToString(key),
                ""));
        return config;
    }

    /** The README's example: round-robin, and a request whose connection fails goes to the other. */
    private static String roundRobin(int front, int portA, int portB) {
        return """
                upstream gateways {
                    server 127.0.0.1:%d max_fails=1 fail_timeout=30s;
                    server 127.0.0.1:%d max_fails=1 fail_timeout=30s;
                }
                server {
                    listen 127.0.0.1:%d;
                    location / {
                        proxy_pass http://gateways;
                        proxy_next_upstream error timeout;
                        proxy_connect_timeout 2s;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }
                }
                """.formatted(portA, portB, front);
    }

    /** {@value #CLIENTS} clients request for 4 s; A is killed after 1.5 s. Counts each outcome. */
    private static Map<String, AtomicInteger> load(String url, String cookie, GatewayProcess victim) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String outcome;
                    try {
                        outcome = Integer.toString(http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", "application/json").header("Cookie", cookie)
                                .timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode());
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    if (killed.get() && outcome.equals("200")) {
                        outcomes.computeIfAbsent("200 after kill", k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(1500);
        victim.kill();
        killed.set(true);
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        outcomes.computeIfAbsent("200", k -> new AtomicInteger());
        return outcomes;
    }

    private static int count(Map<String, AtomicInteger> outcomes, String key) {
        return outcomes.getOrDefault(key, new AtomicInteger()).get();
    }
}
