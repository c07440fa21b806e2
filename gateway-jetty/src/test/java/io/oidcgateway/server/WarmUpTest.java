package io.oidcgateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.AccessConfig;
import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up runs the gateway's own request path (a login, then proxied requests) through a
 * private copy of it, and nothing of it reaches the configured IdP, upstream or access log.
 */
class WarmUpTest {
    @TempDir
    Path dir;
    DemoIdentityProvider idp;
    Server upstream;
    final AtomicInteger upstreamRequests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        idp.start();
        upstream = new Server();
        ServerConnector connector = new ServerConnector(upstream);
        connector.setHost("127.0.0.1");
        upstream.addConnector(connector);
        upstream.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                upstreamRequests.incrementAndGet();
                callback.succeeded();
                return true;
            }
        });
        upstream.start();
    }

    @AfterEach
    void stop() throws Exception {
        upstream.stop();
        idp.stop();
    }

    GatewayConfig config(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of(
                "server.port", "4180",
                "upstream.url", "http://127.0.0.1:" + ((ServerConnector) upstream.getConnectors()[0]).getLocalPort(),
                "oidc.issuer", idp.issuer().toString(),
                "oidc.client-id", "warm-up-test",
                "oidc.client-auth", "client_secret_post",
                "oidc.client-secret", "s3cret",
                "access.allowed-groups", "admins",
                "upstream.headers.access-token", "true"));
        props.putAll(extra);
        return new ConfigLoader(Map.of()).load(props, dir);
    }

    @Test
    void runThenManyRequestsThroughAPrivateGatewayAndNoneToTheIdpOrTheUpstream() throws Exception {
        long served = new WarmUp(Clock.systemUTC()).run(config(Map.of("server.warm-up", "1500ms")));

        assertTrue(served > 100, "requests served: " + served);
        assertEquals(0, upstreamRequests.get(), "the configured upstream");
        assertEquals(0, idp.testHooks().discoveryRequests(), "the configured IdP's discovery");
        assertEquals(0, idp.testHooks().codeGrants(), "the configured IdP's token endpoint");
    }

    @Test
    void runWhenZeroThenNothingRuns() throws Exception {
        assertEquals(0, new WarmUp(Clock.systemUTC()).run(config(Map.of("server.warm-up", "0"))));
    }

    @Test
    void privateCopyKeepsHeadersAndProxySettingsButNoListenerKeyRulesStoreOrAccessLog() throws Exception {
        GatewayConfig real = config(Map.of("server.public-url", "https://app.example",
                "session.store", "redis", "session.redis-url", "redis://10.0.0.1:6379",
                "session.encryption-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "route.api.path", "/api", "route.api.upstream", "http://10.0.0.2:8080",
                "server.access-log", "stdout"));
        URI privateUpstream = URI.create("http://127.0.0.1:1234");

        GatewayConfig copy = WarmUp.privateCopy(real, privateUpstream);

        assertEquals("127.0.0.1", copy.server().host());
        assertEquals(0, copy.server().port());
        assertTrue(copy.server().tls().isEmpty());
        assertEquals(Duration.ZERO, copy.server().warmUp(), "a warm-up of its own would never end");
        assertEquals(privateUpstream, copy.upstream().url());
        assertTrue(copy.upstream().routes().isEmpty());
        assertEquals(real.upstream().headers(), copy.upstream().headers());
        assertEquals(real.upstream().preserveHost(), copy.upstream().preserveHost());
        assertTrue(copy.oidc().clientKey().isEmpty(), "no key is loaded, none is used");
        assertEquals(AccessConfig.openToEveryone(), copy.access());
        assertFalse(copy.log().accessLog().enabled());
        assertTrue(real.session().store() instanceof SessionStoreConfig.Redis);
        assertEquals(real.session().cookieName(), copy.session().cookieName());
    }
}
