package io.oidcgateway.server;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The warm-up's private upstream on loopback. It answers the way applications do, one way per
 * path: a page with a length, JSON without one (chunked), a redirect to itself, a cookie, a
 * 404; so the proxy's code for each is compiled with the branches real answers take, rather
 * than compiled for one answer and thrown away at the first different one.
 */
final class WarmUpUpstream implements AutoCloseable {
    static final String PAGE = "/page";
    static final String JSON = "/api/items";
    static final String REDIRECT = "/moved";
    static final String COOKIE = "/cookie";
    static final String MISSING = "/missing";

    private static final ByteBuffer HTML = bytes("<!doctype html><title>warm-up</title><p>"
            + "The gateway compiles its request path before it listens. ".repeat(10) + "</p>");
    private static final ByteBuffer ITEMS = bytes("{\"items\":[" + "{\"id\":1,\"name\":\"warm-up\"},".repeat(20)
            + "{\"id\":0}]}");
    private static final ByteBuffer NOT_FOUND = bytes("<!doctype html><title>404</title><p>Not found</p>");

    private final Server server = new Server();

    WarmUpUpstream() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Answers());
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    private static final class Answers extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            response.getHeaders().put(HttpHeader.SERVER, "warm-up");
            switch (path) {
                case JSON -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                    // Two writes without a length: a chunked answer, as an API streaming its result.
                    response.write(false, ITEMS.slice(0, ITEMS.remaining() / 2), Callback.from(
                            () -> response.write(true, ITEMS.slice(ITEMS.remaining() / 2,
                                    ITEMS.remaining() - ITEMS.remaining() / 2), callback), callback::failed));
                }
                case REDIRECT -> {
                    response.setStatus(302);
                    response.getHeaders().put(HttpHeader.LOCATION, "http://" + request.getHttpURI().getAuthority() + PAGE);
                    response.write(true, null, callback);
                }
                case COOKIE -> {
                    response.getHeaders().put(HttpHeader.SET_COOKIE, "app_pref=compact; Path=/; HttpOnly");
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                    response.write(true, HTML.slice(), callback);
                }
                case MISSING -> {
                    response.setStatus(404);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
                    response.write(true, NOT_FOUND.slice(), callback);
                }
                default -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                    response.getHeaders().put(HttpHeader.ETAG, "\"warm-up-1\"");
                    response.getHeaders().put(HttpHeader.LAST_MODIFIED, "Tue, 01 Dec 2026 10:00:00 GMT");
                    response.write(true, HTML.slice(), callback);
                }
            }
            return true;
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
