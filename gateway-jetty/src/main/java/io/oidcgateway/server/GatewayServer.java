package io.oidcgateway.server;

import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.filter.Gateway;
import io.oidcgateway.filter.GatewayBuilder;
import io.oidcgateway.metrics.PrometheusGatewayMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.oidcgateway.proxy.GatewayProxyServlet;
import io.oidcgateway.proxy.ProxyParts;
import io.oidcgateway.proxy.RouteTable;
import io.oidcgateway.proxy.SignedInShortPath;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded gateway on one Jetty server: the short path for signed-in requests
 * ({@code SignedInShortPath}), then the filter in front of the proxy servlet for the rest. Kept
 * apart from {@code main} so tests build it the same way with {@code server.port=0}.
 */
public final class GatewayServer {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private final Server server;
    private final Gateway gateway;
    private final Optional<TlsListener> tls;

    private GatewayServer(Server server, Gateway gateway, Optional<TlsListener> tls) {
        this.tls = tls;
        this.server = server;
        this.gateway = gateway;
    }

    /**
     * Builds and binds the server. With {@code server.port=0} a free port is bound, and a
     * public URL without a port of its own (and so the redirect URI) takes it.
     */
    public static GatewayServer create(GatewayConfig config, Clock clock) throws Exception {
        return create(config, effective -> GatewayBuilder.forConfig(effective).clock(clock));
    }

    /**
     * @param assembly how the gateway's parts are chosen, given the configuration with the
     *        bound port in its public URL
     */
    public static GatewayServer create(GatewayConfig config, Function<GatewayConfig, GatewayBuilder> assembly)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("gateway");
        Server server = new Server(threads);
        Optional<TlsListener> tls = config.server().tls().isPresent()
                ? Optional.of(new TlsListener(config.server().tls().get())) : Optional.empty();
        ServerConnector connector = connector(server, config, tls);
        server.addConnector(connector);

        GatewayConfig effective = config;
        if (config.server().port() == 0 && config.server().publicUrl().getPort() == -1) {
            URI url = config.server().publicUrl();
            effective = config.withServer(config.server().withPublicUrl(
                    URI.create(url.getScheme() + "://" + url.getHost() + ":" + connector.getLocalPort())));
        }
        Gateway gateway = assembly.apply(effective).metrics(metricsOf(server, threads)).build();

        ProxyParts proxyParts = new ProxyParts(new RouteTable(effective.upstream().url(),
                effective.upstream().timeout(), effective.upstream().routes()), effective.upstream(),
                effective.server().publicUrl(), gateway.errors(), gateway.metrics());
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(gateway.filter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(proxy(proxyParts, gateway), "/*");

        JettyWebSocketServletContainerInitializer.configure(context, null);
        GracefulHandler graceful = new GracefulHandler(
                new SignedInShortPath(context, gateway.signedIn(), gateway.requestIds(), proxyParts));
        server.setHandler(graceful);
        server.setStopTimeout(effective.server().shutdownTimeout().toMillis());
        if (effective.log().accessLog().enabled()) {
            // Off, Jetty keeps no per-request log bookkeeping at all.
            server.setRequestLog(new AccessLog());
        }
        server.setStopAtShutdown(true);
        return new GatewayServer(server, gateway, tls);
    }

    /** The gateway's meters, with Jetty's thread pool and connections in the same registry. */
    private static PrometheusGatewayMetrics metricsOf(Server server, QueuedThreadPool threads) {
        PrometheusGatewayMetrics metrics = new PrometheusGatewayMetrics();
        new JettyServerThreadPoolMetrics(threads, Tags.empty()).bindTo(metrics.registry());
        JettyConnectionMetrics.addToAllConnectors(server, metrics.registry());
        return metrics;
    }

    private static ServletHolder proxy(ProxyParts parts, Gateway gateway) {
        GatewayProxyServlet servlet = new GatewayProxyServlet(parts, gateway.liveness()::lives);
        ServletHolder proxy = new ServletHolder(servlet);
        proxy.setInitParameters(servlet.initParameters());
        proxy.setAsyncSupported(true);
        return proxy;
    }

    /**
     * Plain HTTP/1.1, or TLS with HTTP/2 and HTTP/1.1. A port of 0 is bound now, so that it is known
     * before the gateway is built; a fixed port only at {@link #start}, so that while the gateway
     * warms up, connections are refused (a load balancer tries another instance) rather than held.
     */
    private static ServerConnector connector(Server server, GatewayConfig config, Optional<TlsListener> tls)
            throws java.io.IOException {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = tls.isPresent()
                ? new ServerConnector(server, tls.get().connectionFactories(http, config.server().http2()))
                : new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.server().host());
        connector.setPort(config.server().port());
        if (config.server().port() == 0) {
            connector.open();
        }
        return connector;
    }

    public void start() throws Exception {
        server.start();
        LOG.info("oidc-gateway listening on {} (public URL {}), forwarding to {}",
                server.getURI(), publicUrl(), gateway.config().upstream().url());
        if (gateway.identityProvider().ready()) {
            LOG.info("identity provider {} ready", gateway.config().oidc().issuer());
        } else {
            LOG.warn("identity provider {} not reachable yet; /readyz answers 503 until it is",
                    gateway.config().oidc().issuer());
        }
    }

    /** Starts without a word in the log and without a JVM shutdown hook: the warm-up's private gateway. */
    void startQuietly() throws Exception {
        server.setStopAtShutdown(false);
        server.start();
    }

    /** Stops serving, letting requests in flight finish, then closes the session store's connections. */
    public void stop() throws Exception {
        try {
            server.stop();
        } finally {
            tls.ifPresent(TlsListener::close);
            gateway.close();
        }
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** The port the gateway listens on, which may differ from the public URL's behind a reverse proxy. */
    public int localPort() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public URI publicUrl() {
        return gateway.config().server().publicUrl();
    }

    public Gateway gateway() {
        return gateway;
    }
}
