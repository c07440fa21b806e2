package io.oidcgateway.bench;

import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The reference for the gateway's own cost: Jetty's transparent proxy servlet, the same Jetty
 * version, default settings, no authentication.
 * {@code java -cp benchmarks.jar io.oidcgateway.bench.BareJettyProxy PORT UPSTREAM_URL}
 */
public final class BareJettyProxy {
    private BareJettyProxy() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder proxy = new ServletHolder(ProxyServlet.Transparent.class);
        proxy.setInitParameter("proxyTo", args[1]);
        proxy.setAsyncSupported(true);
        context.addServlet(proxy, "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("bare Jetty proxy on " + server.getURI() + " -> " + args[1]);
        server.join();
    }
}
