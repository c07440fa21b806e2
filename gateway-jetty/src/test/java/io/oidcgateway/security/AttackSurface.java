package io.oidcgateway.security;

import io.oidcgateway.e2e.Browser;
import io.oidcgateway.e2e.GatewayFixture;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A running gateway, demo IdP and echo upstream to attack, and a signed-in victim's session. */
final class AttackSurface implements AutoCloseable {
    final GatewayFixture system;
    final Browser browser = new Browser();
    final URI gateway;
    /** The upstream that keeps the raw request heads, when the gateway forwards to one. */
    final RecordingUpstream app;

    AttackSurface(Path dir, Map<String, String> props) throws Exception {
        this(GatewayFixture.start(dir, true, props));
    }

    AttackSurface(GatewayFixture system) {
        this(system, null);
    }

    private AttackSurface(GatewayFixture system, RecordingUpstream app) {
        this.app = app;
        this.system = system;
        this.gateway = system.gateway.publicUrl();
    }

    /**
     * Forwarding to a {@link RecordingUpstream} of its own (unless {@code props} names another
     * {@code upstream.url}), which is closed with it.
     */
    static AttackSurface recording(Path dir, Map<String, String> props) throws Exception {
        RecordingUpstream app = new RecordingUpstream();
        try {
            Map<String, String> withApp = new HashMap<>(props);
            withApp.putIfAbsent("upstream.url", app.url().toString());
            return new AttackSurface(GatewayFixture.start(dir, true, withApp), app);
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
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
        if (app != null) {
            app.close();
        }
    }
}
