package io.oidcgateway.bench;

import java.net.URI;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Server;

/**
 * The second reference for the gateway's own cost: Jetty's core reverse proxy
 * ({@code ProxyHandler.Reverse}), the same Jetty version, default settings, no authentication.
 * The gateway proxies signed-in requests with this engine (SignedInShortPath), so the gateway's
 * rate against it is its own cost on the same engine; against {@link BareJettyProxy} (the servlet
 * proxy), against the proxy a Jetty user would deploy by default.
 * {@code java -cp benchmarks.jar io.oidcgateway.bench.BareCoreProxy PORT UPSTREAM_URL}
 */
public final class BareCoreProxy {
    private BareCoreProxy() {
    }

    public static void main(String[] args) throws Exception {
        Server server = BareJettyProxy.onLoopback(Integer.parseInt(args[0]));
        URI upstream = URI.create(args[1]);
        server.setHandler(new ProxyHandler.Reverse(request -> HttpURI.build(request.getHttpURI())
                .scheme(upstream.getScheme()).host(upstream.getHost()).port(upstream.getPort())));
        server.start();
        System.out.println("bare Jetty core proxy on " + server.getURI() + " -> " + args[1]);
        server.join();
    }
}
