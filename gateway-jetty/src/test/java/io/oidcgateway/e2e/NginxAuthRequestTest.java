package io.oidcgateway.e2e;

import io.oidcgateway.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx (Debian's package) protects the demo upstream with the gateway as its
 * auth_request service, configured by the example shipped in config/.
 */
class NginxAuthRequestTest {
    @TempDir
    Path dir;

    private static Optional<Path> nginx() {
        return Stream.concat(Stream.of("/usr/sbin/nginx"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                                .map(p -> p + "/nginx"))
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private Process startNginx(Path binary, int port, int gatewayPort, int appPort) throws Exception {
        String server = Files.readString(Path.of("../config/nginx-auth-request.conf.example"))
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                .replace("127.0.0.1:4180", "127.0.0.1:" + gatewayPort)
                .replace("127.0.0.1:8081", "127.0.0.1:" + appPort);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, "daemon off;\nworker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\nevents { worker_connections 64; }\nhttp {\n"
                + "  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + server + "\n}\n");
        Process process = new ProcessBuilder(binary.toString(), "-c", conf.toString(), "-p", dir.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return process;
            } catch (java.io.IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }

    @Test
    void authRequestWhenSignedInThenNginxPassesTheGatewaysIdentityToTheApp() throws Exception {
        Optional<Path> binary = nginx();
        if (binary.isEmpty() && System.getenv("CI") != null) {
            throw new AssertionError("nginx is not installed; .ci/run installs Debian's nginx-light");
        }
        Assumptions.assumeTrue(binary.isPresent(), "nginx is not installed (apt-get install nginx-light)");
        int port = FreePorts.next();
        try (GatewayFixture system = GatewayFixture.start(dir, true,
                Map.of("server.public-url", "http://127.0.0.1:" + port));
                Browser browser = new Browser()) {
            int gatewayPort = system.gateway.localPort();
            Process nginx = startNginx(binary.get(), port, gatewayPort, system.upstream.url().getPort());
            try {
                String site = "http://127.0.0.1:" + port;
                browser.web.addRequestHeader("X-Forwarded-User", "admin");

                HtmlPage login = browser.open(site + "/app/page?x=1");
                assertTrue(login.getUrl().toString().startsWith(system.idp.issuer() + "/authorize"),
                        login.getUrl().toString());
                HtmlPage app = Browser.signIn(login, "alice", "alice");

                assertEquals(site + "/app/page?x=1", app.getUrl().toString());
                assertEquals("Demo upstream", app.getTitleText());
                assertEquals(java.util.List.of("a1b2c3d4-0000-4000-8000-000000000001"),
                        Browser.upstreamHeader(app, "X-Forwarded-User"));
                assertTrue(Browser.upstreamHeader(app, "Authorization").get(0).startsWith("Bearer eyJ"));

                // nginx proxies $request_uri as sent; the gateway refuses to approve a path read two ways.
                String cookie = "gateway_session=" + browser.web.getCookieManager().getCookie("gateway_session")
                        .getValue();
                java.net.http.HttpResponse<String> dotted = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(site + "/app/x/%2e%2e/secret"))
                                .header("Cookie", cookie).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(403, dotted.statusCode(), dotted.body());

                browser.web.getCookieManager().clearCookies();
                browser.web.getOptions().setRedirectEnabled(false);
                var anonymous = browser.web.getPage(site + "/app/page").getWebResponse();
                assertEquals(302, anonymous.getStatusCode());
                assertEquals("/oauth2/start?rd=/app/page", anonymous.getResponseHeaderValue("Location")
                        .replaceFirst("^https?://[^/]+", ""));
            } finally {
                nginx.destroy();
                nginx.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
