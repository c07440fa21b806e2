package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import io.oidcgateway.testing.TestTls;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway serving https itself: HTTP/2 by ALPN besides HTTP/1.1, and certificates renewed on disk. */
class TlsListenerTest {
    /** A session id as the gateway makes them: 43 base64url characters. */
    static final String H2_SESSION = "h2-session-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    @TempDir
    Path dir;

    private Map<String, String> keystoreTls(TestTls tls) throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve("server.p12"))) {
            tls.serverKeyStore().store(out, TestTls.PASSWORD.toCharArray());
        }
        return Map.of("server.tls.keystore", "server.p12", "server.tls.keystore-password", TestTls.PASSWORD,
                "server.public-url", "https://localhost");
    }

    /** Jetty's client speaking only HTTP/2, trusting the test CA; started. */
    private static org.eclipse.jetty.client.HttpClient http2Client(TestTls tls) throws Exception {
        SslContextFactory.Client trust = new SslContextFactory.Client();
        trust.setSslContext(tls.clientContext());
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(trust);
        org.eclipse.jetty.client.HttpClient jetty = new org.eclipse.jetty.client.HttpClient(
                new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
        jetty.start();
        return jetty;
    }

    @Test
    void httpsThenHttp2ByAlpnForJettysClientAndCurlAndHttp11ForTheJdksClient() throws Exception {
        TestTls tls = TestTls.create();
        Path ca = tls.writeCaPem(dir.resolve("ca.pem"));
        try (GatewayFixture system = GatewayFixture.start(dir, true, keystoreTls(tls))) {
            String healthz = system.url("/healthz");
            assertTrue(healthz.startsWith("https://localhost:"), healthz);

            org.eclipse.jetty.client.HttpClient jetty = http2Client(tls);
            try {
                ContentResponse h2 = jetty.GET(healthz);
                assertEquals(200, h2.getStatus());
                assertEquals(HttpVersion.HTTP_2, h2.getVersion());
            } finally {
                jetty.stop();
            }

            HttpResponse<String> h1 = HttpClient.newBuilder().sslContext(tls.clientContext())
                    .version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(healthz)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, h1.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, h1.version());

            assertEquals("200 2", curl("--http2", "--cacert", ca.toString(), healthz));
        }
    }

    /** Signed-in requests over HTTP/2 take the short path (Jetty's core proxy) as over HTTP/1.1. */
    @Test
    void http2SignedInRequestThenTheUpstreamGetsTheIdentityAndHttpsAsTheProtocol() throws Exception {
        TestTls tls = TestTls.create();
        try (GatewayFixture system = GatewayFixture.start(dir, true, keystoreTls(tls))) {
            Instant now = Instant.now();
            IdentityClaims carol = new IdentityClaims("carol-sub", Optional.empty(), false, Optional.empty(),
                    Optional.of("carol"), List.of(), Optional.empty());
            system.gateway.gateway().sessions().save(new Session(H2_SESSION, 1, carol, "at-carol",
                    now.plus(Duration.ofHours(1)), Optional.empty(), Optional.empty(), now, now.plus(Duration.ofHours(8))));
            org.eclipse.jetty.client.HttpClient jetty = http2Client(tls);
            try {
                ContentResponse page = jetty.newRequest(system.url("/page")).headers(h -> h
                        .put("Cookie", "gateway_session=" + H2_SESSION).put("Accept", "application/json")
                        .put("X-Forwarded-User", "admin")).send();

                assertEquals(200, page.getStatus(), page.getContentAsString());
                assertEquals(HttpVersion.HTTP_2, page.getVersion());
                @SuppressWarnings("unchecked")
                Map<String, List<String>> echoed = (Map<String, List<String>>) JsonUtil.parseJson(
                        page.getContentAsString()).get("headers");
                Map<String, List<String>> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                seen.putAll(echoed);
                assertEquals(List.of("carol-sub"), seen.get("X-Forwarded-User"));
                assertEquals(List.of("Bearer at-carol"), seen.get("Authorization"));
                assertEquals(List.of("https"), seen.get("X-Forwarded-Proto"));
                assertTrue(seen.get("Forwarded").get(0).endsWith(";proto=https"), seen.toString());
            } finally {
                jetty.stop();
            }
        }
    }

    @Test
    void http2OffThenCurlGetsHttp11() throws Exception {
        TestTls tls = TestTls.create();
        Path ca = tls.writeCaPem(dir.resolve("ca.pem"));
        Map<String, String> props = new java.util.HashMap<>(keystoreTls(tls));
        props.put("server.http2", "false");
        try (GatewayFixture system = GatewayFixture.start(dir, true, props)) {
            assertEquals("200 1.1", curl("--http2", "--cacert", ca.toString(), system.url("/healthz")));
        }
    }

    @Test
    void certificateFilesReplacedThenTheNextHandshakeShowsTheNewCertificate() throws Exception {
        writePem("CN=first");
        try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of("server.tls.certificate", "tls.crt",
                "server.tls.key", "tls.key", "server.public-url", "https://localhost"))) {
            int port = system.gateway.localPort();
            assertEquals("CN=first", presentedSubject(port));

            writePem("CN=second");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            String subject = presentedSubject(port);
            while (!subject.equals("CN=second") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                subject = presentedSubject(port);
            }
            assertEquals("CN=second", subject, "no restart needed");
        }
    }

    private void writePem(String subject) throws Exception {
        ClientCredentials credentials = new SelfSignedCertificates(Clock.systemUTC(), new SecureRandom())
                .create(KeyType.RSA2048, subject, Duration.ofDays(1), "tls");
        // Written beside, then moved: the way renewal tools replace files without a half-written moment.
        Files.writeString(dir.resolve("tls.crt.new"), PemFiles.certificates(credentials.chain()));
        PemFiles.writePrivate(dir.resolve("tls.key.new"), PemFiles.pkcs8(credentials.privateKey()));
        Files.move(dir.resolve("tls.key.new"), dir.resolve("tls.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve("tls.crt.new"), dir.resolve("tls.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The subject of the certificate the server shows in a new handshake (trusting anything: only looked at). */
    private static String presentedSubject(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w",
                "%{http_code} %{http_version}"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }
}
