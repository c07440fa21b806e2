package io.oidcgateway.bench;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The reference for the gateway's own cost: Jetty's transparent proxy servlet, the same Jetty
 * version, default settings, no authentication. Given a file of {@code Name: value} lines, it
 * adds those headers to every request it sends upstream: with the headers the gateway sent, it
 * does the gateway's job but the authentication. load.sh adds them with {@link BareCoreProxy}
 * since the gateway proxies signed-in requests with Jetty's core proxy; this one is kept for
 * comparing with the runs before (BENCHMARKS.md's "bare Jetty+headers").
 * {@code java -cp benchmarks.jar io.oidcgateway.bench.BareJettyProxy PORT UPSTREAM_URL [HEADERS_FILE]}
 */
public final class BareJettyProxy {
    private BareJettyProxy() {
    }

    public static void main(String[] args) throws Exception {
        Server server = onLoopback(Integer.parseInt(args[0]));
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder proxy = new ServletHolder(args.length > 2 ? WithHeaders.class : ProxyServlet.Transparent.class);
        proxy.setInitParameter("proxyTo", args[1]);
        if (args.length > 2) {
            proxy.setInitParameter("headersFile", args[2]);
        }
        proxy.setAsyncSupported(true);
        context.addServlet(proxy, "/*");
        server.setHandler(context);
        server.start();
        System.out.println("bare Jetty proxy on " + server.getURI() + " -> " + args[1]);
        server.join();
    }

    /** A server with Jetty's default settings, listening on the loopback address only. */
    static Server onLoopback(int port) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopAtShutdown(true);
        return server;
    }

    /** A file's {@code Name: value} lines, less those without both (a header the gateway did not send). */
    static List<HttpField> headersIn(Path file) throws IOException {
        List<HttpField> fields = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(':');
            String value = colon > 0 ? line.substring(colon + 1).trim() : "";
            if (!value.isEmpty()) {
                fields.add(new HttpField(line.substring(0, colon).trim(), value));
            }
        }
        return List.copyOf(fields);
    }

    /** The transparent proxy adding the same headers to every upstream request. */
    public static final class WithHeaders extends ProxyServlet.Transparent {
        private List<HttpField> added;

        @Override
        public void init() throws ServletException {
            super.init();
            try {
                added = headersIn(Path.of(getInitParameter("headersFile")));
            } catch (IOException e) {
                throw new ServletException("cannot read the headers to add", e);
            }
        }

        @Override
        protected void addProxyHeaders(HttpServletRequest clientRequest, Request proxyRequest) {
            super.addProxyHeaders(clientRequest, proxyRequest);
            proxyRequest.headers(headers -> added.forEach(headers::put));
        }
    }
}
