package io.oidcgateway.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the gateway counts and times. The handlers report events; how they are kept and
 * exposed (today's counters, a metrics registry) is the implementation's business.
 */
public interface GatewayMetrics {

    /** How a login that reached the callback ended. */
    enum LoginOutcome { SUCCESS, IDP_ERROR, TOKEN_ERROR, INVALID_STATE, DENIED }

    /** Which grant a token-endpoint request used. */
    enum TokenGrant { AUTHORIZATION_CODE, REFRESH_TOKEN }

    /** How a token-endpoint request ended. */
    enum TokenOutcome { OK, INVALID_CLIENT, INVALID_GRANT, OTHER_ERROR, UNREACHABLE }

    void loginStarted();

    void loginFinished(LoginOutcome outcome);

    /** @param errorCode the IdP's error code (AADSTS number) when it refused, else empty */
    void tokenRequest(TokenGrant grant, TokenOutcome outcome, String errorCode, Duration took);

    void tokenRefresh(boolean succeeded);

    void requestForwarded();

    void requestUnauthenticated();

    void accessDenied();

    void backchannelLogouts(int sessionsEnded);

    /** @param route the route's name, {@code default} for {@code upstream.url} */
    void upstreamResponse(String route, int status, Duration took);

    /** Gauges read when scraped. */
    void gauges(LongSupplier sessions, LongSupplier pendingLogins);

    /** The Prometheus text exposition served at {@code /metrics}. */
    String scrape();
}
