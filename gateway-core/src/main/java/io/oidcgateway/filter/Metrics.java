package io.oidcgateway.filter;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counters in the Prometheus text format, served at {@code /metrics}. */
public final class Metrics {
    public final LongAdder loginsStarted = new LongAdder();
    public final LongAdder loginsSucceeded = new LongAdder();
    public final LongAdder loginsFailed = new LongAdder();
    public final LongAdder tokenEndpointErrors = new LongAdder();
    public final LongAdder requestsForwarded = new LongAdder();
    public final LongAdder requestsUnauthenticated = new LongAdder();
    public final LongAdder accessDenied = new LongAdder();
    public final LongAdder backchannelLogouts = new LongAdder();

    private final LongSupplier sessions;
    private final LongSupplier pendingLogins;
    private final LongSupplier refreshes;
    private final LongSupplier refreshFailures;

    public Metrics(LongSupplier sessions, LongSupplier pendingLogins, LongSupplier refreshes,
            LongSupplier refreshFailures) {
        this.sessions = sessions;
        this.pendingLogins = pendingLogins;
        this.refreshes = refreshes;
        this.refreshFailures = refreshFailures;
    }

    public String render() {
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
        counter(sb, "gateway_token_refreshes_total", "Access tokens refreshed.", refreshes.getAsLong());
        counter(sb, "gateway_token_refresh_failures_total", "Refreshes refused or failed.", refreshFailures.getAsLong());
        counter(sb, "gateway_backchannel_logouts_total", "Sessions ended by back-channel logout.",
                backchannelLogouts.sum());
        gauge(sb, "gateway_sessions", "Sessions held.", sessions.getAsLong());
        gauge(sb, "gateway_pending_logins", "Logins waiting for their callback.", pendingLogins.getAsLong());
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }
}
