package io.oidcgateway.e2e;

import io.oidcgateway.testing.FreePorts;
import io.oidcgateway.testing.Nginx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx (Debian's package) protects the demo upstream with the gateway as its
 * auth_request service, configured by the example shipped in config/.
 */
class NginxAuthRequestTest {
    @TempDir
    Path dir;

    private Nginx startNginx(int port, int gatewayPort, int appPort) throws Exception {
        String server = Files.readString(Path.of("../config/nginx-auth-request.conf.example"))
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                .replace("127.0.0.1:4180", "127.0.0.1:" + gatewayPort)
                .replace("127.0.0.1:8081", "127.0.0.1:" + appPort);
        return Nginx.start(dir, port, server);
    }

    @Test
    void authRequestWhenSignedInThenNginxPassesTheGatewaysIdentityToTheApp() throws Exception {
        int port = FreePorts.next();
        try (GatewayFixture system = GatewayFixture.start(dir, true,
                Map.of("server.public-url", "http://127.0.0.1:" + port));
                Browser browser = new Browser()) {
            int gatewayPort = system.gateway.localPort();
            try (Nginx nginx = startNginx(port, gatewayPort, system.upstream.url().getPort())) {
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
            }
        }
    }
}
