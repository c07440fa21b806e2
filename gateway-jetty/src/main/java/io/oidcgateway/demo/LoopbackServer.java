package io.oidcgateway.demo;

import jakarta.servlet.http.HttpServlet;
import java.security.KeyStore;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** A Jetty server with one servlet for the whole site: how the demo parts listen. */
final class LoopbackServer {
    /** The password of the key entry in a TLS key store handed to {@link #start}. */
    static final String TLS_KEY_PASSWORD = "changeit";

    private final Server server;
    private final int port;

    private LoopbackServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param port 0 binds a free port; {@link #port()} tells which */
    static LoopbackServer start(String host, int port, HttpServlet servlet) throws Exception {
        return start(host, port, servlet, Optional.empty());
    }

    /** @param tls the key and certificate to serve https with; empty: plain http */
    static LoopbackServer start(String host, int port, HttpServlet servlet, Optional<KeyStore> tls) throws Exception {
        Server server = new Server();
        ServerConnector connector = tls.isEmpty() ? new ServerConnector(server)
                : new ServerConnector(server, tlsFactory(tls.get()));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        server.start();
        return new LoopbackServer(server, connector.getLocalPort());
    }

    private static SslContextFactory.Server tlsFactory(KeyStore keyStore) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(TLS_KEY_PASSWORD);
        return factory;
    }

    int port() {
        return port;
    }

    void stop() throws Exception {
        server.stop();
    }
}
