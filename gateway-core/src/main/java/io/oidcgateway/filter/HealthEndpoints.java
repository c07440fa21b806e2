package io.oidcgateway.filter;

import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.session.SessionStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /healthz} (the process runs), {@code /readyz} (the IdP and the session store are usable)
 * and {@code /metrics}.
 */
final class HealthEndpoints {
    private final IdentityProviderClient idp;
    private final SessionStore store;
    private final GatewayMetrics metrics;

    HealthEndpoints(IdentityProviderClient idp, SessionStore store, GatewayMetrics metrics) {
        this.idp = idp;
        this.store = store;
        this.metrics = metrics;
    }

    void healthz(HttpServletResponse response) throws IOException {
        plain(response, 200, "ok\n");
    }

    void readyz(HttpServletResponse response) throws IOException {
        if (!idp.ready()) {
            plain(response, 503, "not ready: the IdP's discovery document or key set has not loaded\n");
        } else if (!store.sessions().available()) {
            plain(response, 503, "not ready: the session store cannot be reached\n");
        } else {
            plain(response, 200, "ready\n");
        }
    }

    void metrics(HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.getWriter().write(metrics.scrape());
    }

    private static void plain(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(body);
    }
}
