package io.oidcgateway.security;

import io.oidcgateway.e2e.Browser;
import io.oidcgateway.e2e.GatewayFixture;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** A running gateway, demo IdP and echo upstream to attack, and a signed-in victim's session. */
final class AttackSurface implements AutoCloseable {
    final GatewayFixture system;
    final Browser browser = new Browser();
    final URI gateway;

    AttackSurface(Path dir, Map<String, String> props) throws Exception {
        this(GatewayFixture.start(dir, true, props));
    }

    AttackSurface(GatewayFixture system) {
        this.system = system;
        this.gateway = system.gateway.publicUrl();
    }

    /** Signs in at the demo IdP and returns the session cookie value. */
    String signIn(String user) throws Exception {
        browser.web.getCookieManager().clearCookies();
        Browser.signIn(browser.open(system.url("/")), user, user);
        return browser.web.getCookieManager().getCookie("gateway_session").getValue();
    }

    @Override
    public void close() throws Exception {
        browser.close();
        system.close();
    }
}
