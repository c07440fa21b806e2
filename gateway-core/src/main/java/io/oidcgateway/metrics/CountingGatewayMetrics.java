package io.oidcgateway.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** The gateway's counters in memory, written in the Prometheus text format. */
public final class CountingGatewayMetrics implements GatewayMetrics {
    private final LongAdder loginsStarted = new LongAdder();
    private final LongAdder loginsSucceeded = new LongAdder();
    private final LongAdder loginsFailed = new LongAdder();
    private final LongAdder tokenEndpointErrors = new LongAdder();
    private final LongAdder requestsForwarded = new LongAdder();
    private final LongAdder requestsUnauthenticated = new LongAdder();
    private final LongAdder accessDenied = new LongAdder();
    private final LongAdder backchannelLogouts = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder refreshFailures = new LongAdder();
    private volatile LongSupplier sessions = () -> 0;
    private volatile LongSupplier pendingLogins = () -> 0;

    @Override
    public void loginStarted() {
        loginsStarted.increment();
    }

    @Override
    public void loginFinished(LoginOutcome outcome) {
        (outcome == LoginOutcome.SUCCESS ? loginsSucceeded : loginsFailed).increment();
    }

    @Override
    public void tokenRequest(TokenGrant grant, TokenOutcome outcome, String errorCode, Duration took) {
        if (grant == TokenGrant.AUTHORIZATION_CODE && outcome != TokenOutcome.OK) {
            tokenEndpointErrors.increment();
        }
    }

    @Override
    public void tokenRefresh(boolean succeeded) {
        (succeeded ? refreshes : refreshFailures).increment();
    }

    @Override
    public void requestForwarded() {
        requestsForwarded.increment();
    }

    @Override
    public void requestUnauthenticated() {
        requestsUnauthenticated.increment();
    }

    @Override
    public void accessDenied() {
        accessDenied.increment();
    }

    @Override
    public void backchannelLogouts(int sessionsEnded) {
        backchannelLogouts.add(sessionsEnded);
    }

    @Override
    public void upstreamResponse(String route, int status, Duration took) {
        // Counted per request only by a registry; these counters keep no per-route series.
    }

    @Override
    public void gauges(LongSupplier sessions, LongSupplier pendingLogins) {
        this.sessions = sessions;
        this.pendingLogins = pendingLogins;
    }

    @Override
    public String scrape() {
        StringBuilder sb = new StringBuilder(1024);
        counter(sb, "gateway_logins_started_total", "Logins sent to the IdP.", loginsStarted.sum());
        counter(sb, "gateway_logins_succeeded_total", "Logins that created a session.", loginsSucceeded.sum());
        counter(sb, "gateway_logins_failed_total", "Callbacks that did not create a session.", loginsFailed.sum());
        counter(sb, "gateway_token_endpoint_errors_total", "Token endpoint refusals and outages.",
                tokenEndpointErrors.sum());
        counter(sb, "gateway_requests_forwarded_total", "Requests passed on with a session.", requestsForwarded.sum());
        counter(sb, "gateway_requests_unauthenticated_total", "Requests without a session (redirected or 401).",
                requestsUnauthenticated.sum());
        counter(sb, "gateway_access_denied_total", "Signed-in requests refused by the access rules.",
                accessDenied.sum());
        counter(sb, "gateway_token_refreshes_total", "Access tokens refreshed.", refreshes.sum());
        counter(sb, "gateway_token_refresh_failures_total", "Refreshes refused or failed.", refreshFailures.sum());
        counter(sb, "gateway_backchannel_logouts_total", "Sessions ended by back-channel logout.",
                backchannelLogouts.sum());
        gauge(sb, "gateway_sessions", "Sessions held.", sessions);
        gauge(sb, "gateway_pending_logins", "Logins waiting for their callback.", pendingLogins);
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    /** A gauge whose store cannot be read now (Redis down) is left out rather than failing the scrape. */
    private static void gauge(StringBuilder sb, String name, String help, LongSupplier source) {
        long value;
        try {
            value = source.getAsLong();
        } catch (RuntimeException e) {
            return;
        }
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }
}
