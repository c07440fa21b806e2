package io.oidcgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Not run by {@code bench/load.sh}: the other HTTP client the project may use, the JDK's, as a
 * proxy's upstream client behind Jetty's core server, to compare with Jetty's own client
 * ({@link BareCoreProxy}). The smallest proxy that serves the load script's GET of a small page:
 * no request body, the answer read whole, hop-by-hop headers dropped. Run it by hand:
 * {@code java -cp benchmarks.jar io.oidcgateway.bench.JdkClientProxy PORT UPSTREAM_URL}, then
 * {@code wrk -t2 -c32 -d15s http://127.0.0.1:PORT/}.
 */
public final class JdkClientProxy {
    /** What the JDK's client refuses to be given, or a proxy must not pass on. */
    private static final Set<String> NOT_PASSED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private JdkClientProxy() {
    }

    public static void main(String[] args) throws Exception {
        Server server = BareJettyProxy.onLoopback(Integer.parseInt(args[0]));
        String upstream = args[1];
        // The JDK's defaults but HTTP/1.1 (it would offer the upstream an h2c upgrade on every connection).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                HttpRequest.Builder upstreamRequest = HttpRequest.newBuilder(
                        URI.create(upstream + request.getHttpURI().getPathQuery()))
                        .method(request.getMethod(), HttpRequest.BodyPublishers.noBody());
                for (HttpField field : request.getHeaders()) {
                    if (!NOT_PASSED.contains(field.getLowerCaseName())) {
                        upstreamRequest.header(field.getName(), field.getValue());
                    }
                }
                client.sendAsync(upstreamRequest.build(), HttpResponse.BodyHandlers.ofByteArray())
                        .whenComplete((answer, failure) -> {
                            if (failure != null) {
                                Response.writeError(request, response, callback, HttpStatus.BAD_GATEWAY_502);
                                return;
                            }
                            response.setStatus(answer.statusCode());
                            answer.headers().map().forEach((name, values) -> {
                                if (!NOT_PASSED.contains(name.toLowerCase(Locale.ROOT))) {
                                    values.forEach(value -> response.getHeaders().add(name, value));
                                }
                            });
                            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
                            response.write(true, ByteBuffer.wrap(answer.body()), callback);
                        });
                return true;
            }
        });
        server.start();
        System.out.println("a proxy with the JDK's HTTP client on " + server.getURI() + " -> " + upstream);
        server.join();
    }
}
