package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.e2e.Browser;
import io.oidcgateway.e2e.GatewayFixture;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open redirect through rd on /oauth2/start, /oauth2/sign_out and after login: always a same-origin path. */
class OpenRedirectTest {
    static final List<String> TARGETS = List.of("//evil.com", "/\\evil.com", "/%09/evil.com", "/\t/evil.com",
            "%2f%5cevil.com", "/%2f%5cevil.com", "https:evil.com", "https://evil.com\\.app.example",
            "javascript:alert(1)", "https://localhost.evil.com/", "http://127.0.0.1.evil.com/x", "/\r\n/evil.com",
            // Normalised into //evil.example after a check on the raw value: the second round's findings.
            "/.//evil.example", "/x/..//evil.example", "/%2e//evil.example", "/.%2f/evil.example",
            "/%2E//evil.example", "/x/%2e%2e//evil.example", "/.%5c/evil.example", "/;//evil.example");

    @TempDir
    Path dir;

    @Test
    void startWhenRdIsForeignThenTheLoginEndsOnTheSiteRoot() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            for (String target : TARGETS) {
                s.browser.web.getCookieManager().clearCookies();
                HtmlPage login = s.browser.open(s.system.url("/oauth2/start?rd="
                        + URLEncoder.encode(target, StandardCharsets.UTF_8)));
                HtmlPage landed = Browser.signIn(login, "alice", "alice");

                assertEquals(s.system.url("/"), landed.getUrl().toString(), "rd=" + target);
            }
        }
    }

    @Test
    void startWhenRdIsLocalThenKept() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            HtmlPage landed = Browser.signIn(s.browser.open(s.system.url("/oauth2/start?rd="
                    + URLEncoder.encode("/reports?year=2026", StandardCharsets.UTF_8))), "alice", "alice");

            assertEquals(s.system.url("/reports?year=2026"), landed.getUrl().toString());
        }
    }

    @Test
    void signOutWhenRdIsForeignThenTheIdpReturnsToTheSiteOnly() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String cookie = s.signIn("alice");
            for (String target : TARGETS) {
                RawHttp.Response r = RawHttp.get(s.gateway, "/oauth2/sign_out?rd="
                        + URLEncoder.encode(target, StandardCharsets.UTF_8), "Cookie: gateway_session=" + cookie);

                assertEquals(302, r.status(), r.toString());
                String location = r.header("Location");
                assertTrue(location.startsWith(s.system.idp.issuer() + "/logout?"), location);
                String back = URLDecoder.decode(location.replaceAll(".*post_logout_redirect_uri=([^&]*).*", "$1"),
                        StandardCharsets.UTF_8);
                assertEquals(s.system.url("/"), back, "rd=" + target);
            }
        }
    }

    @Test
    void signOutWhenTheIdpHasNoEndSessionAndRdIsForeignThenTheSiteRoot() throws Exception {
        try (AttackSurface s = new AttackSurface(GatewayFixture.start(dir, true, Map.of(), Clock.systemUTC(),
                DemoIdpSettings.DEFAULTS, idp -> idp.testHooks().withoutEndSession()))) {
            for (String target : TARGETS) {
                RawHttp.Response r = RawHttp.get(s.gateway, "/oauth2/sign_out?rd="
                        + URLEncoder.encode(target, StandardCharsets.UTF_8));

                assertEquals(302, r.status(), r.toString());
                assertEquals(s.system.url("/"), r.header("Location"), "rd=" + target);
            }
            RawHttp.Response local = RawHttp.get(s.gateway, "/oauth2/sign_out?rd="
                    + URLEncoder.encode("/reports?year=2026", StandardCharsets.UTF_8));
            assertEquals(s.system.url("/reports?year=2026"), local.header("Location"));
        }
    }

    @Test
    void callbackThenLocationIsExactlyTheCheckedTargetOnThePublicOrigin() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            s.browser.web.getOptions().setRedirectEnabled(false);
            org.htmlunit.Page start = s.browser.web.getPage(s.system.url("/oauth2/start?rd="
                    + URLEncoder.encode("/.//evil.example", StandardCharsets.UTF_8)));
            HtmlPage login = s.browser.web.getPage(start.getWebResponse().getResponseHeaderValue("Location"));
            org.htmlunit.Page afterForm = Browser.signIn(login, "alice", "alice");
            String callback = afterForm.getWebResponse().getResponseHeaderValue("Location");
            org.htmlunit.Page landed = s.browser.web.getPage(callback);

            assertEquals(302, landed.getWebResponse().getStatusCode());
            assertEquals(s.system.url("/"), landed.getWebResponse().getResponseHeaderValue("Location"));
        }
    }

    @Test
    void protectedPathWhenItLooksLikeAnotherOriginThenTheLoginReturnsHere() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            RawHttp.Response r = RawHttp.get(s.gateway, "/%2f%2fevil.com", "Accept: text/html");

            assertTrue(r.status() == 400 || r.status() == 302, r.toString());
            if (r.status() == 302) {
                assertTrue(r.header("Location").startsWith(s.system.idp.issuer().toString()), r.toString());
            }
        }
    }
}
