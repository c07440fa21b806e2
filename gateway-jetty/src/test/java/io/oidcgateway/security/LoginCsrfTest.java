package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.e2e.Browser;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login CSRF and code injection: each refused, and no session cookie is set. */
class LoginCsrfTest {
    @TempDir
    Path dir;

    /** Starts a login in {@code browser} and returns the IdP's callback URL (code and state) without following it. */
    private static String callbackFor(AttackSurface s, Browser browser, String user) throws Exception {
        browser.web.getOptions().setRedirectEnabled(true);
        HtmlPage login = browser.open(s.system.url("/"));
        browser.web.getOptions().setRedirectEnabled(false);
        login.<HtmlInput>getHtmlElementById("username").type(user);
        login.<HtmlInput>getHtmlElementById("password").type(user);
        String callback = login.getHtmlElementById("submit").click().getWebResponse().getResponseHeaderValue("Location");
        browser.web.getOptions().setRedirectEnabled(true);
        return callback;
    }

    private static void assertNoSession(WebResponse r) {
        assertFalse(r.getResponseHeaders().stream().anyMatch(h -> h.getName().equalsIgnoreCase("Set-Cookie")
                && h.getValue().startsWith("gateway_session=") && !h.getValue().startsWith("gateway_session=;")),
                "a session cookie was set");
    }

    @Test
    void callbackWithoutTheStateCookieThenForbidden() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String callback = callbackFor(s, s.browser, "alice");

            RawHttp.Response r = RawHttp.get(s.gateway, callback.substring(s.gateway.toString().length()),
                    "Accept: text/html");

            assertEquals(403, r.status(), r.toString());
            assertFalse(r.head().contains("gateway_session="), r.toString());
        }
    }

    @Test
    void codeFromBrowserADeliveredToBrowserBThenForbiddenAndBothStayOut() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of()); Browser victim = new Browser()) {
            victim.open(s.system.url("/"));
            String attackersCallback = callbackFor(s, s.browser, "bob");

            WebResponse r = victim.web.getPage(attackersCallback).getWebResponse();

            assertEquals(403, r.getStatusCode());
            assertNoSession(r);
            assertEquals(0L, s.system.gateway.gateway().sessions().count());
        }
    }

    @Test
    void callbackReplayedThenBadRequest() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String callback = callbackFor(s, s.browser, "alice");
            s.browser.web.getOptions().setRedirectEnabled(false);
            assertEquals(302, s.browser.web.getPage(callback).getWebResponse().getStatusCode());

            WebResponse replay = s.browser.web.getPage(callback).getWebResponse();

            assertEquals(400, replay.getStatusCode());
            assertNoSession(replay);
        }
    }

    @Test
    void idTokenWithAnotherNonceThenForbidden() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            s.system.idp.testHooks().forgeIdTokens(Optional.of(IdTokenAttack.WRONG_NONCE));

            HtmlPage page = Browser.signIn(s.browser.open(s.system.url("/")), "alice", "alice");

            assertEquals(403, page.getWebResponse().getStatusCode());
            assertTrue(page.asNormalizedText().contains("nonce"), page.asNormalizedText());
            assertNoSession(page.getWebResponse());
        }
    }
}
