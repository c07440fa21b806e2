package io.oidcgateway.oidc;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;

/** A key-set endpoint on a real loopback socket whose keys a test can rotate; counts fetches. */
final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private volatile List<JsonWebKey> keys;
    final AtomicInteger fetches = new AtomicInteger();

    JwksServer(List<JsonWebKey> keys) throws IOException {
        this.keys = keys;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = JsonUtil.toJson(Map.of("keys", this.keys.stream()
                    .map(k -> k.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).toList()))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    void rotateTo(List<JsonWebKey> newKeys) {
        this.keys = newKeys;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
