package io.oidcgateway.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/**
 * The second reference for the gateway's own cost: Jetty's core reverse proxy
 * ({@code ProxyHandler.Reverse}), the same Jetty version, default settings, no authentication.
 * The gateway proxies signed-in requests with this engine (SignedInShortPath), so the gateway's
 * rate against it is its own cost on the same engine; against {@link BareJettyProxy} (the servlet
 * proxy), against the proxy a Jetty user would deploy by default. Given a file of headers, it adds
 * them to every upstream request, as the gateway adds a session's.
 * {@code java -cp benchmarks.jar io.oidcgateway.bench.BareCoreProxy PORT UPSTREAM_URL [HEADERS_FILE]}
 */
public final class BareCoreProxy {
    private BareCoreProxy() {
    }

    public static void main(String[] args) throws Exception {
        Server server = BareJettyProxy.onLoopback(Integer.parseInt(args[0]));
        URI upstream = URI.create(args[1]);
        List<HttpField> added = args.length > 2 ? BareJettyProxy.headersIn(Path.of(args[2])) : List.of();
        server.setHandler(new ProxyHandler.Reverse(request -> HttpURI.build(request.getHttpURI())
                .scheme(upstream.getScheme()).host(upstream.getHost()).port(upstream.getPort())) {
            @Override
            protected void addProxyHeaders(Request clientRequest, org.eclipse.jetty.client.Request proxyRequest) {
                super.addProxyHeaders(clientRequest, proxyRequest);
                if (!added.isEmpty()) {
                    proxyRequest.headers(headers -> added.forEach(headers::put));
                }
            }
        });
        server.start();
        System.out.println("bare Jetty core proxy on " + server.getURI() + " -> " + args[1]
                + (added.isEmpty() ? "" : ", adding " + added.size() + " headers"));
        server.join();
    }
}
