package io.oidcgateway.clientauth;

import io.oidcgateway.metrics.GatewayMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the client key source every second while the gateway runs: takes up replaced key
 * files, keeps the certificate-expiry gauge on the certificate in use, and warns as it nears its end.
 */
public final class ClientKeyWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientKeyWatcher.class);
    static final Duration EVERY = Duration.ofSeconds(1);

    private final ClientKeySource source;
    private final GatewayMetrics metrics;
    private final CertificateExpiryWarnings expiry;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "client-key-watcher");
        thread.setDaemon(true);
        return thread;
    });

    public ClientKeyWatcher(ClientKeySource source, GatewayMetrics metrics, Clock clock) {
        this.source = source;
        this.metrics = metrics;
        this.expiry = new CertificateExpiryWarnings(clock);
        report();
        timer.scheduleWithFixedDelay(this::look, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look; what the timer runs. */
    void look() {
        try {
            ClientKeySource.Reload outcome = source.reloadIfChanged();
            // The new certificate's expiry first, then the count: a scrape that sees the reload
            // counted sees the certificate it loaded.
            if (outcome == ClientKeySource.Reload.LOADED) {
                report();
            } else {
                expiry.check(source.current());
            }
            if (outcome != ClientKeySource.Reload.UNCHANGED) {
                metrics.clientKeyReload(outcome == ClientKeySource.Reload.LOADED);
            }
        } catch (RuntimeException e) {
            // A look that fails (a file system error) must not end the watching.
            LOG.warn("could not look at the client key files: {}",
                    e.toString());
        }
    }

    private void report() {
        ClientCredentials now = source.current();
        metrics.clientCertificates(Map.of(now.x5t(), now.certificate().getNotAfter().toInstant()));
        expiry.check(now);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
