package io.oidcgateway.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the gateway counts and times. The handlers report events; how they are kept and
 * exposed (a metrics registry, or nothing in a test) is the implementation's business.
 */
public interface GatewayMetrics extends AutoCloseable {

    /** How a login that reached the callback ended. */
    enum LoginOutcome { SUCCESS, IDP_ERROR, TOKEN_ERROR, INVALID_STATE, DENIED }

    /** Which grant a token-endpoint request used. */
    enum TokenGrant { AUTHORIZATION_CODE, REFRESH_TOKEN }

    /** How a token-endpoint request ended. */
    enum TokenOutcome { OK, INVALID_CLIENT, INVALID_GRANT, OTHER_ERROR, UNREACHABLE }

    void loginStarted();

    void loginFinished(LoginOutcome outcome);

    /**
     * @param errorCode the catalogue's AADSTS code when the IdP refused with one it knows,
     *        {@code none} when it gave no code, else {@code other} (never free text: a label)
     */
    void tokenRequest(TokenGrant grant, TokenOutcome outcome, String errorCode, Duration took);

    void tokenRefresh(boolean succeeded);

    void requestForwarded();

    void requestUnauthenticated();

    void accessDenied();

    void backchannelLogouts(int sessionsEnded);

    /**
     * @param route the route's name, {@code default} for {@code upstream.url}
     * @param status the upstream's status, or the gateway's own 502/504 when it gave none
     */
    void upstreamResponse(String route, int status, Duration took);

    /** Gauges read when scraped. */
    void gauges(LongSupplier sessions, LongSupplier pendingLogins);

    /**
     * The client certificates now in use, by {@code x5t} thumbprint: replaces the ones reported
     * before, so a rotated-out certificate's series ends.
     */
    void clientCertificates(Map<String, Instant> notAfterByThumbprint);

    /** A changed client key or certificate on disk was taken into use, or refused (the old pair stays). */
    void clientKeyReload(boolean loaded);

    /** The Prometheus text exposition served at {@code /metrics}. */
    String scrape();

    /** Lets go of what watches the JVM (garbage-collection listeners); called when the gateway stops. */
    @Override
    void close();
}
