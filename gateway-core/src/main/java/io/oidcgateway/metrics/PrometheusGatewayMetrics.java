package io.oidcgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The gateway's meters in a Micrometer Prometheus registry, under the names dashboards and
 * alerts rely on (README, "Metrics"). Every label value comes from a closed set (an enum, a
 * route name from the configuration, a status class, a catalogue code, a certificate's
 * thumbprint): no user data and nothing a client can make grow.
 */
public final class PrometheusGatewayMetrics implements GatewayMetrics {
    /** Token requests take tens of milliseconds, upstream answers from one to many seconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter loginsStarted;
    private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);
    private final Counter refreshed;
    private final Counter refreshFailed;
    private final Counter forwarded;
    private final Counter unauthenticated;
    private final Counter denied;
    private final Counter backchannelLogouts;
    private final Counter keysLoaded;
    private final Counter keysRefused;
    private final MultiGauge certificateExpiry;
    private final Map<String, RouteMeters> upstream = new ConcurrentHashMap<>();
    private final AtomicReference<LongSupplier> sessions = new AtomicReference<>(() -> 0);
    private final AtomicReference<LongSupplier> pendingLogins = new AtomicReference<>(() -> 0);

    public PrometheusGatewayMetrics() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Two of Micrometer's processor meters break Prometheus' naming rules (promtool check metrics
        // refuses them): the CPU time in ns (process_cpu_usage says the same) and a gauge ending in _count.
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
                    }
                });
        List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(), new ProcessorMetrics(),
                new UptimeMetrics(), new FileDescriptorMetrics()).forEach(binder -> binder.bindTo(registry));
        loginsStarted = counter("gateway.logins.started", "Logins sent to the IdP.", Tags.empty());
        for (LoginOutcome outcome : LoginOutcome.values()) {
            logins.put(outcome, counter("gateway.logins", "Logins that reached the callback, by how they ended.",
                    Tags.of("outcome", label(outcome))));
        }
        refreshed = counter("gateway.token.refreshes", "Access-token refreshes.", Tags.of("outcome", "ok"));
        refreshFailed = counter("gateway.token.refreshes", "Access-token refreshes.", Tags.of("outcome", "failed"));
        forwarded = counter("gateway.requests.forwarded", "Requests passed on with a session.", Tags.empty());
        unauthenticated = counter("gateway.requests.unauthenticated",
                "Requests without a session (redirected to the IdP or 401).", Tags.empty());
        denied = counter("gateway.access.denied", "Signed-in requests refused by the access rules.", Tags.empty());
        backchannelLogouts = counter("gateway.backchannel.logouts", "Sessions ended by back-channel logout.",
                Tags.empty());
        keysLoaded = counter("gateway.client.key.reloads", "Changed client key files taken into use or refused.",
                Tags.of("outcome", "loaded"));
        keysRefused = counter("gateway.client.key.reloads", "Changed client key files taken into use or refused.",
                Tags.of("outcome", "refused"));
        Gauge.builder("gateway.sessions", sessions, PrometheusGatewayMetrics::readOrNaN).description("Sessions held.")
                .register(registry);
        Gauge.builder("gateway.pending.logins", pendingLogins, PrometheusGatewayMetrics::readOrNaN)
                .description("Logins waiting for their callback.").register(registry);
        certificateExpiry = MultiGauge.builder("gateway.client.certificate.expiry.timestamp").baseUnit("seconds")
                .description("notAfter of each client certificate in use, in seconds since the epoch.")
                .register(registry);
    }

    /**
     * A store that cannot be read now (Redis away) reports NaN rather than failing the scrape; the
     * store says once in the log that it is away, so Micrometer's own warning would only repeat it.
     */
    private static double readOrNaN(AtomicReference<LongSupplier> source) {
        try {
            return source.get().getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The registry, for the server to bind its own meters (Jetty's thread pool and connections) to. */
    public MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String help, Tags tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void loginStarted() {
        loginsStarted.increment();
    }

    @Override
    public void loginFinished(LoginOutcome outcome) {
        logins.get(outcome).increment();
    }

    @Override
    public void tokenRequest(TokenGrant grant, TokenOutcome outcome, String errorCode, Duration took) {
        counter("gateway.token.requests", "Token-endpoint requests, by grant and how they ended.",
                Tags.of("grant", label(grant), "outcome", label(outcome), "error_code", errorCode)).increment();
        Timer.builder("gateway.token.request.duration").description("Time the token endpoint took to answer.")
                .tag("grant", label(grant)).serviceLevelObjectives(BUCKETS).register(registry).record(took);
    }

    @Override
    public void tokenRefresh(boolean succeeded) {
        (succeeded ? refreshed : refreshFailed).increment();
    }

    @Override
    public void requestForwarded() {
        forwarded.increment();
    }

    @Override
    public void requestUnauthenticated() {
        unauthenticated.increment();
    }

    @Override
    public void accessDenied() {
        denied.increment();
    }

    @Override
    public void backchannelLogouts(int sessionsEnded) {
        backchannelLogouts.increment(sessionsEnded);
    }

    @Override
    public void upstreamResponse(String route, int status, Duration took) {
        RouteMeters meters = upstream.computeIfAbsent(route, this::routeMeters);
        int statusClass = Math.max(1, Math.min(5, status / 100));
        meters.byStatusClass()[statusClass - 1].increment();
        meters.duration().record(took);
    }

    /** A route's meters, made once: this runs on every proxied request, a registry lookup per call would not. */
    private RouteMeters routeMeters(String route) {
        Counter[] byStatusClass = new Counter[5];
        for (int c = 1; c <= 5; c++) {
            byStatusClass[c - 1] = counter("gateway.upstream.requests",
                    "Requests answered by an upstream (or the gateway's 502/504 for it).",
                    Tags.of("route", route, "status", c + "xx"));
        }
        Timer duration = Timer.builder("gateway.upstream.request.duration")
                .description("Time to the upstream's response headers.").tag("route", route)
                .serviceLevelObjectives(BUCKETS).register(registry);
        return new RouteMeters(byStatusClass, duration);
    }

    private record RouteMeters(Counter[] byStatusClass, Timer duration) {
    }

    @Override
    public void gauges(LongSupplier sessions, LongSupplier pendingLogins) {
        this.sessions.set(sessions);
        this.pendingLogins.set(pendingLogins);
    }

    @Override
    public void clientCertificates(Map<String, Instant> notAfterByThumbprint) {
        certificateExpiry.register(notAfterByThumbprint.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("x5t", e.getKey()), e.getValue().getEpochSecond()))
                .toList(), true);
    }

    @Override
    public void clientKeyReload(boolean loaded) {
        (loaded ? keysLoaded : keysRefused).increment();
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
