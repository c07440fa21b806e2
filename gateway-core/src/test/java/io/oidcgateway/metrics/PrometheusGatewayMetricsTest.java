package io.oidcgateway.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.metrics.GatewayMetrics.LoginOutcome;
import io.oidcgateway.metrics.GatewayMetrics.TokenGrant;
import io.oidcgateway.metrics.GatewayMetrics.TokenOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The names and labels dashboards rely on (README, "Metrics"); promtool checks the format in the e2e test. */
class PrometheusGatewayMetricsTest {
    private final PrometheusGatewayMetrics metrics = new PrometheusGatewayMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private void assertLine(String line) {
        String text = metrics.scrape();
        assertTrue(text.contains("\n" + line + "\n"), () -> "missing '" + line + "' in\n" + text);
    }

    @Test
    void everyLoginOutcomeIsASeriesFromTheStart() {
        metrics.loginFinished(LoginOutcome.DENIED);
        metrics.loginFinished(LoginOutcome.DENIED);

        assertLine("gateway_logins_total{outcome=\"denied\"} 2.0");
        for (String outcome : new String[] {"success", "idp_error", "token_error", "invalid_state"}) {
            assertLine("gateway_logins_total{outcome=\"" + outcome + "\"} 0.0");
        }
    }

    @Test
    void tokenRequestsByGrantOutcomeAndCatalogueCodeWithAHistogram() {
        metrics.tokenRequest(TokenGrant.AUTHORIZATION_CODE, TokenOutcome.INVALID_CLIENT, "AADSTS700027",
                Duration.ofMillis(30));
        metrics.tokenRequest(TokenGrant.REFRESH_TOKEN, TokenOutcome.OK, "none", Duration.ofMillis(3));

        assertLine("gateway_token_requests_total{error_code=\"AADSTS700027\",grant=\"authorization_code\","
                + "outcome=\"invalid_client\"} 1.0");
        assertLine("gateway_token_requests_total{error_code=\"none\",grant=\"refresh_token\",outcome=\"ok\"} 1.0");
        assertLine("gateway_token_request_duration_seconds_bucket{grant=\"authorization_code\",le=\"0.025\"} 0");
        assertLine("gateway_token_request_duration_seconds_bucket{grant=\"authorization_code\",le=\"0.05\"} 1");
        assertLine("gateway_token_request_duration_seconds_count{grant=\"refresh_token\"} 1");
    }

    @Test
    void upstreamResponsesByRouteAndStatusClass() {
        metrics.upstreamResponse("default", 204, Duration.ofMillis(2));
        metrics.upstreamResponse("api", 503, Duration.ofMillis(2));
        metrics.upstreamResponse("api", 502, Duration.ofSeconds(3));

        assertLine("gateway_upstream_requests_total{route=\"default\",status=\"2xx\"} 1.0");
        assertLine("gateway_upstream_requests_total{route=\"api\",status=\"5xx\"} 2.0");
        assertLine("gateway_upstream_request_duration_seconds_bucket{route=\"api\",le=\"2.5\"} 1");
        assertLine("gateway_upstream_request_duration_seconds_bucket{route=\"api\",le=\"5.0\"} 2");
    }

    @Test
    void gaugesAreReadWhenScrapedAndAStoreThatCannotAnswerIsNaN() {
        long[] sessions = {3};
        metrics.gauges(() -> sessions[0], () -> {
            throw new IllegalStateException("Redis does not answer");
        });
        assertLine("gateway_sessions 3.0");
        sessions[0] = 5;
        assertLine("gateway_sessions 5.0");
        assertLine("gateway_pending_logins NaN");
    }

    @Test
    void refreshesAndKeyReloadsByOutcome() {
        metrics.tokenRefresh(true);
        metrics.tokenRefresh(false);
        metrics.tokenRefresh(false);
        metrics.clientKeyReload(false);

        assertLine("gateway_token_refreshes_total{outcome=\"ok\"} 1.0");
        assertLine("gateway_token_refreshes_total{outcome=\"failed\"} 2.0");
        assertLine("gateway_client_key_reloads_total{outcome=\"refused\"} 1.0");
        assertLine("gateway_client_key_reloads_total{outcome=\"loaded\"} 0.0");
    }

    @Test
    void certificateExpiryFollowsTheCertificateInUse() {
        metrics.clientCertificates(Map.of("old-x5t", Instant.parse("2027-01-01T00:00:00Z")));
        assertLine("gateway_client_certificate_expiry_timestamp_seconds{x5t=\"old-x5t\"} 1.7987616E9");

        metrics.clientCertificates(Map.of("new-x5t", Instant.parse("2028-01-01T00:00:00Z")));

        assertLine("gateway_client_certificate_expiry_timestamp_seconds{x5t=\"new-x5t\"} 1.8302976E9");
        assertFalse(metrics.scrape().contains("old-x5t"), "a rotated-out certificate's series ends");
    }

    @Test
    void jvmAndProcessMetricsComeFromTheLibrarysBinders() {
        String text = metrics.scrape();

        assertTrue(text.contains("jvm_memory_used_bytes{"), text);
        assertTrue(text.contains("process_uptime_seconds "), text);
        assertTrue(text.contains("system_cpus "), text);
        assertFalse(text.contains("process_cpu_time_ns_total"), "promtool refuses the unit");
    }

    @Test
    void requestOutcomesAreCountedEachOnItsOwn() {
        metrics.requestForwarded();
        metrics.requestForwarded();
        metrics.requestUnauthenticated();
        metrics.accessDenied();
        metrics.loginStarted();
        metrics.backchannelLogouts(3);

        assertLine("gateway_requests_forwarded_total 2.0");
        assertLine("gateway_requests_unauthenticated_total 1.0");
        assertLine("gateway_access_denied_total 1.0");
        assertLine("gateway_logins_started_total 1.0");
        assertLine("gateway_backchannel_logouts_total 3.0");
    }
}
