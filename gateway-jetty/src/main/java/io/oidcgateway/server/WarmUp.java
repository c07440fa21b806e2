package io.oidcgateway.server;

import io.oidcgateway.config.AccessConfig;
import io.oidcgateway.config.ClientAuthMethod;
import io.oidcgateway.config.DemoConfig;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.config.LogConfig;
import io.oidcgateway.config.OidcConfig;
import io.oidcgateway.config.Secret;
import io.oidcgateway.config.ServerConfig;
import io.oidcgateway.config.UpstreamConfig;
import io.oidcgateway.filter.GatewayBuilder;
import io.oidcgateway.session.InMemorySessionStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has the JIT compile the request path before the gateway listens. A fresh JVM interprets it
 * at first: on two CPUs the gateway served a sixth of its steady rate in its first five
 * seconds (bench/load.sh). A private gateway (loopback, a free port, this configuration's
 * identity headers and proxy settings, an identity provider of its own in the process, a
 * session store in memory) signs in once and proxies requests of the kinds browsers, API
 * clients and load tools send to a private upstream, driven by Jetty's client, until the rate
 * stops climbing or {@code server.warm-up} has passed; the code it runs is the code the real
 * gateway runs. Nothing leaves the machine, nothing reaches the identity provider, the session
 * store or the access log, and all of it is gone before the gateway binds its port. A warm-up
 * that fails is logged and skipped: it never stops a start.
 */
public final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private final Clock clock;

    public WarmUp(Clock clock) {
        this.clock = clock;
    }

    /** Drives the private gateway for at most {@code server.warm-up}; returns the requests it served (0: none). */
    public long run(GatewayConfig config) {
        Duration length = config.server().warmUp();
        if (length.isZero()) {
            return 0;
        }
        LOG.info("warming up the request path before listening, until it runs compiled (at most {} s, server.warm-up) ...",
                length.toSeconds());
        long started = System.nanoTime();
        try {
            long served = drive(config, length);
            LOG.info("warmed up: {} requests in {} ms", served, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return served;
        } catch (Exception e) {
            LOG.warn("the warm-up was skipped ({}); the first seconds will be slower", e.toString());
            return 0;
        }
    }

    private long drive(GatewayConfig config, Duration length) throws Exception {
        HttpClient client = new HttpClient();
        // Requests say what they are themselves, as wrk's and browsers' do; Jetty's own would be in every one.
        client.setUserAgentField(null);
        GatewayServer gateway = null;
        try (WarmUpUpstream upstream = new WarmUpUpstream()) {
            gateway = GatewayServer.create(privateCopy(config, upstream.url()), effective -> GatewayBuilder
                    .forConfig(effective).clock(clock).identityProvider(new WarmUpIdentityProvider())
                    .sessionStore(new InMemorySessionStore(effective.session(), clock)));
            gateway.startQuietly();
            client.start();
            WarmUpTraffic traffic = WarmUpTraffic.signIn(client, URI.create("http://127.0.0.1:" + gateway.localPort()),
                    config.session().cookieName());
            return traffic.drive(length);
        } finally {
            client.stop();
            if (gateway != null) {
                gateway.stop();
            }
        }
    }

    /** The configuration's proxy and identity headers on loopback, with none of its listeners, keys, rules or stores. */
    static GatewayConfig privateCopy(GatewayConfig config, URI upstreamUrl) {
        ServerConfig server = new ServerConfig("127.0.0.1", 0, URI.create("http://127.0.0.1"),
                config.server().trustedProxies(), Optional.empty(), false, Duration.ofSeconds(1), Duration.ZERO);
        UpstreamConfig real = config.upstream();
        UpstreamConfig upstream = new UpstreamConfig(upstreamUrl, real.timeout(), List.of(), real.headers(),
                real.connectTimeout(), real.preserveHost(), Optional.empty());
        OidcConfig oidc = config.oidc();
        OidcConfig noKey = new OidcConfig(oidc.issuer(), oidc.clientId(), oidc.scopes(), ClientAuthMethod.CLIENT_SECRET_POST,
                Optional.of(new Secret("warm-up")), Optional.empty(), oidc.assertion(), Optional.empty(),
                oidc.loginOptions());
        return new GatewayConfig(server, upstream, noKey, config.session(), AccessConfig.openToEveryone(),
                new DemoConfig(false, false), new LogConfig(config.log().format(), config.log().level(),
                        LogConfig.AccessLog.OFF));
    }
}
