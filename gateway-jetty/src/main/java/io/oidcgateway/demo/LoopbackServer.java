package io.oidcgateway.demo;

import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A Jetty server with one servlet for the whole site: how the demo parts listen. */
final class LoopbackServer {
    private final Server server;
    private final int port;

    private LoopbackServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param port 0 binds a free port; {@link #port()} tells which */
    static LoopbackServer start(String host, int port, HttpServlet servlet) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        server.start();
        return new LoopbackServer(server, connector.getLocalPort());
    }

    int port() {
        return port;
    }

    void stop() throws Exception {
        server.stop();
    }
}
