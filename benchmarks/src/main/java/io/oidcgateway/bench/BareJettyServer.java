package io.oidcgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Not a proxy: Jetty's core server answering every request itself with the upstream's page
 * (fetched once at start, so the bytes are the same), the same Jetty version, default settings.
 * It tells where a Jetty proxy's cost lies: whatever this server does beyond the JVM and Jetty's
 * server side, a proxy adds with its HTTP client and the hand-offs between the two.
 * {@code java -cp benchmarks.jar io.oidcgateway.bench.BareJettyServer PORT UPSTREAM_URL}
 */
public final class BareJettyServer {
    private BareJettyServer() {
    }

    public static void main(String[] args) throws Exception {
        HttpResponse<byte[]> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(args[1])).build(), HttpResponse.BodyHandlers.ofByteArray());
        String contentType = page.headers().firstValue("Content-Type").orElse("text/html");
        byte[] body = page.body();
        Server server = BareJettyProxy.onLoopback(Integer.parseInt(args[0]));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        System.out.println("bare Jetty server on " + server.getURI() + ", answering " + args[1] + "'s page itself");
        server.join();
    }
}
