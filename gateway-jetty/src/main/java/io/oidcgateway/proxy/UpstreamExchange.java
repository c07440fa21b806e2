package io.oidcgateway.proxy;

import io.oidcgateway.metrics.GatewayMetrics;
import java.time.Duration;
import java.util.Optional;

/**
 * One request's trip to its upstream: which route, and how long until the upstream's response
 * headers (or the gateway's 502/504 for it). Kept as a request attribute so the access log can
 * report it; counted once in the metrics.
 */
public final class UpstreamExchange {
    /** The request attribute holding this exchange. In-process only. */
    public static final String ATTRIBUTE = "io.oidcgateway.upstream-exchange";

    private final String route;
    private final long startNanos = System.nanoTime();
    private volatile Duration took;

    UpstreamExchange(String route) {
        this.route = route;
    }

    public String route() {
        return route;
    }

    /** Empty while the upstream has not answered. */
    public Optional<Duration> took() {
        return Optional.ofNullable(took);
    }

    /** The first answer counts: a failure after the headers arrived is the client's, not the upstream's. */
    synchronized void answered(int status, GatewayMetrics metrics) {
        if (took == null) {
            took = Duration.ofNanos(System.nanoTime() - startNanos);
            metrics.upstreamResponse(route, status, took);
        }
    }
}
