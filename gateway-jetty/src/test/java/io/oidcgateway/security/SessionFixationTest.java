package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.e2e.Browser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planted and tampered session cookies: never authenticated, never someone else's session, never a 500. */
class SessionFixationTest {
    @TempDir
    Path dir;

    @Test
    void plantedCookieThenLoginIssuesANewIdAndThePlantedOneStaysUnauthenticated() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String planted = "A".repeat(43);
            s.browser.web.getCookieManager().addCookie(new Cookie(s.gateway.getHost(), "gateway_session", planted));

            Browser.signIn(s.browser.open(s.system.url("/")), "alice", "alice");

            String issued = s.browser.web.getCookieManager().getCookie("gateway_session").getValue();
            assertNotEquals(planted, issued);
            assertEquals(401, RawHttp.get(s.gateway, "/oauth2/userinfo", "Cookie: gateway_session=" + planted).status());
            assertEquals(200, RawHttp.get(s.gateway, "/oauth2/userinfo", "Cookie: gateway_session=" + issued).status());
        }
    }

    @Test
    void loginWithAnOldSessionThenTheOldIdEnds() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String first = s.signIn("alice");
            s.browser.web.getCookieManager().clearCookies();
            s.browser.web.getCookieManager().addCookie(new Cookie(s.gateway.getHost(), "gateway_session", first));

            Browser.signIn(s.browser.open(s.system.url("/oauth2/start")), "bob", "bob");

            assertEquals(401, RawHttp.get(s.gateway, "/oauth2/userinfo", "Cookie: gateway_session=" + first).status());
        }
    }

    @Test
    void tamperedCookiesThenLoginOr401NeverAnotherSessionNeverA500() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String alice = s.signIn("alice");
            String bob = s.signIn("bob");
            char c = alice.charAt(10);
            String flipped = alice.substring(0, 10) + (c == 'x' ? 'y' : 'x') + alice.substring(11);
            List<String> tampered = List.of(flipped, alice.substring(0, 42), alice + "A", alice.toUpperCase(),
                    "A".repeat(4000), "\"" + alice + "\"", alice.replace('-', '+'), "", "%00", "../../etc/passwd",
                    alice + "; gateway_session=" + bob);
            for (String value : tampered) {
                RawHttp.Response api = RawHttp.get(s.gateway, "/oauth2/userinfo", "Cookie: gateway_session=" + value);
                RawHttp.Response page = RawHttp.get(s.gateway, "/x", "Cookie: gateway_session=" + value,
                        "Accept: text/html");

                assertTrue(api.status() == 401 || api.status() == 400 || api.status() == 431
                        || api.body().contains("\"sub\":\"a1b2c3d4-0000-4000-8000-000000000001\""), value + ": " + api);
                assertTrue(page.status() < 500, value + ": " + page);
                assertTrue(!api.body().contains("bob@example.com") || value.contains(bob), value + ": " + api);
            }
        }
    }
}
