package io.oidcgateway.clientauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientKeySource.Reload;
import io.oidcgateway.metrics.PrometheusGatewayMetrics;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientKeyWatcherTest {
    private final PrometheusGatewayMetrics metrics = new PrometheusGatewayMetrics();
    private final ClientCredentials first = TestCredentials.rsa();
    private final ClientCredentials second = TestCredentials.create(KeyType.RSA2048, "CN=second");
    private final Deque<Reload> looks = new ArrayDeque<>();
    private ClientCredentials current = first;
    private final ClientKeySource source = new ClientKeySource() {
        @Override
        public ClientCredentials current() {
            return current;
        }

        @Override
        public Reload reloadIfChanged() {
            Reload next = looks.isEmpty() ? Reload.UNCHANGED : looks.pop();
            if (next == Reload.LOADED) {
                current = second;
            }
            return next;
        }
    };
    private final ClientKeyWatcher watcher = new ClientKeyWatcher(source, metrics, Clock.systemUTC());

    @AfterEach
    void close() {
        watcher.close();
        metrics.close();
    }

    private boolean has(String text) {
        return metrics.scrape().contains(text);
    }

    @Test
    void startedThenTheCertificateInUseIsReported() {
        assertTrue(has("gateway_client_certificate_expiry_timestamp_seconds{x5t=\"" + first.x5t() + "\"} "
                + (double) first.certificate().getNotAfter().toInstant().getEpochSecond()));
    }

    @Test
    void refusedThenCountedAndTheOldCertificateStaysReported() {
        looks.add(Reload.REFUSED);

        watcher.look();

        assertTrue(has("gateway_client_key_reloads_total{outcome=\"refused\"} 1.0"));
        assertTrue(has("gateway_client_key_reloads_total{outcome=\"loaded\"} 0.0"));
        assertTrue(has(first.x5t()));
    }

    @Test
    void loadedThenCountedAndTheNewCertificateReplacesTheOld() {
        looks.add(Reload.LOADED);

        watcher.look();

        assertTrue(has("gateway_client_key_reloads_total{outcome=\"loaded\"} 1.0"));
        assertTrue(has("{x5t=\"" + second.x5t() + "\"}"));
        assertFalse(has(first.x5t()));
    }

    @Test
    void unchangedThenNothingCounted() {
        watcher.look();

        assertTrue(has("gateway_client_key_reloads_total{outcome=\"loaded\"} 0.0"));
        assertTrue(has("gateway_client_key_reloads_total{outcome=\"refused\"} 0.0"));
    }

    @Test
    void aLookThatFailsThenTheWatcherGoesOn() {
        ClientKeySource broken = new ClientKeySource() {
            @Override
            public ClientCredentials current() {
                return first;
            }

            @Override
            public Reload reloadIfChanged() {
                throw new IllegalStateException("file system gone");
            }
        };
        try (ClientKeyWatcher onBroken = new ClientKeyWatcher(broken, metrics, Clock.systemUTC())) {
            onBroken.look();
        }
        watcher.look();
    }
}
