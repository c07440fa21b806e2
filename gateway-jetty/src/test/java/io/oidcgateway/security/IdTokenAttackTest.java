package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.e2e.Browser;
import io.oidcgateway.e2e.GatewayFixture;
import java.time.Clock;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misbehaving IdP's ID tokens, each refused over real HTTP (OpenID Connect Core 3.1.3.7).
 * Key rotation, floods of unknown kids and kid-less tokens are covered against a live JWKS
 * endpoint in gateway-core's IdTokenValidatorTest; rotation is repeated here end to end.
 */
class IdTokenAttackTest {
    @TempDir
    Path dir;

    @Test
    void eachHostileIdTokenThenTheLoginIsRefusedAndNoSessionStarts() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            // Another user's properly signed token is a normal login; it is an attack only at a refresh.
            for (IdTokenAttack attack : java.util.EnumSet.complementOf(java.util.EnumSet.of(
                    IdTokenAttack.ANOTHER_SUBJECT))) {
                s.browser.web.getCookieManager().clearCookies();
                s.system.idp.testHooks().forgeIdTokens(Optional.of(attack));

                HtmlPage page = Browser.signIn(s.browser.open(s.system.url("/")), "alice", "alice");

                assertEquals(403, page.getWebResponse().getStatusCode(), attack + ": " + page.asNormalizedText());
                assertTrue(page.asNormalizedText().contains("The sign-in could not be verified"), attack.name());
                assertFalse(page.asNormalizedText().contains("eyJ"), attack + " put a token on the page");
                assertEquals(null, s.browser.web.getCookieManager().getCookie("gateway_session"), attack.name());
            }
            assertEquals(0L, s.system.gateway.gateway().sessions().count());

            s.system.idp.testHooks().forgeIdTokens(Optional.empty());
            s.browser.web.getCookieManager().clearCookies();
            HtmlPage honest = Browser.signIn(s.browser.open(s.system.url("/")), "alice", "alice");
            assertEquals("Demo upstream", honest.getTitleText(), "an honest token still works");
        }
    }

    @Test
    void idpRotatesItsSigningKeyThenTheNextLoginWorksAfterOneRefetch() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            s.signIn("alice");
            s.system.idp.testHooks().rotateSigningKey();

            s.browser.web.getCookieManager().clearCookies();
            HtmlPage page = Browser.signIn(s.browser.open(s.system.url("/")), "bob", "bob");

            assertEquals("Demo upstream", page.getTitleText(), page.asNormalizedText());
        }
    }

    @Test
    void discoveryNamesAnotherIssuerThenNoLoginStartsAndTheGatewayIsNotReady() throws Exception {
        try (AttackSurface s = new AttackSurface(GatewayFixture.start(dir, true, Map.of(), Clock.systemUTC(),
                DemoIdpSettings.DEFAULTS, idp -> idp.testHooks().announceIssuer("https://evil.example.com")))) {
            RawHttp.Response r = RawHttp.get(s.gateway, "/", "Accept: text/html");

            assertEquals(503, r.status(), r.toString());
            assertTrue(r.body().contains("they must be the same"), r.body());
            assertEquals(503, RawHttp.get(s.gateway, "/readyz").status());
        }
    }
}
