package io.oidcgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.RegisteredClient;
import io.oidcgateway.testing.FreePorts;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gigabyte down and a gigabyte up through the packaged gateway running with a 256 MB heap:
 * bodies stream through, they are never held whole.
 */
class BigBodiesIT {
    static final long GIGABYTE = 1L << 30;

    @TempDir
    Path work;

    @Test
    void oneGigabyteEachWayThroughAGatewayWith256MbOfHeap() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/files/download", exchange -> {
            exchange.sendResponseHeaders(200, GIGABYTE);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (long sent = 0; sent < GIGABYTE; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });
        upstream.createContext("/files/upload", exchange -> {
            long received = exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            byte[] answer = Long.toString(received).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        upstream.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        upstream.start();
        DemoIdentityProvider idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        idp.start();
        int port = FreePorts.next();
        try (GatewayProcess gateway = GatewayProcess.start(config(idp, "http://127.0.0.1:"
                + upstream.getAddress().getPort(), port), port, Map.of(), work.resolve("gateway.log"),
                List.of("-Xmx256m"))) {
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/files/download")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long downloaded;
            try (InputStream body = download.body()) {
                downloaded = body.transferTo(OutputStream.nullOutputStream());
            }
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/files/upload"))
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(BigBodiesIT::gigabyteOfZeros), GIGABYTE))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, download.statusCode(), gateway.logTail(20));
            assertEquals(GIGABYTE, downloaded, gateway.logTail(20));
            assertEquals(200, upload.statusCode(), upload.body() + gateway.logTail(20));
            assertEquals(Long.toString(GIGABYTE), upload.body(), "every byte arrived upstream");
        } finally {
            idp.stop();
            upstream.stop(0);
        }
    }

    private static InputStream gigabyteOfZeros() {
        return new InputStream() {
            private long left = GIGABYTE;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    private Path config(DemoIdentityProvider idp, String upstream, int port) throws Exception {
        ClientCredentials credentials = new SelfSignedCertificates(Clock.systemUTC(), new SecureRandom())
                .create(KeyType.RSA2048, "CN=it", Duration.ofDays(1), "it");
        Files.writeString(work.resolve("client.crt"), PemFiles.certificates(credentials.chain()));
        PemFiles.writePrivate(work.resolve("client.key"), PemFiles.pkcs8(credentials.privateKey()));
        String publicUrl = "http://127.0.0.1:" + port;
        idp.register(new RegisteredClient("it-client", List.of(URI.create(publicUrl + "/oauth2/callback")),
                List.of(credentials.certificate()), Optional.empty(), Optional.empty()));
        Path config = work.resolve("gateway.properties");
        Files.writeString(config, String.join("\n", "server.host=127.0.0.1", "server.port=" + port,
                "server.public-url=" + publicUrl, "upstream.url=" + upstream, "oidc.issuer=" + idp.issuer(),
                "oidc.client-id=it-client", "oidc.client-certificate=client.crt", "oidc.client-key=client.key",
                "access.skip-paths=/files", ""));
        return config;
    }
}
