package io.oidcgateway.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/** /metrics after real traffic, checked by promtool; one request id from client to upstream, page and header. */
class MetricsAndRequestIdTest extends SignedInGateway {

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(path)))
                .header("Cookie", "gateway_session=" + session);
        if (!List.of(headers).contains("Accept")) {
            request.header("Accept", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static String upstreamSaw(HttpResponse<String> response, String header) {
        Map<String, Object> headers;
        try {
            headers = (Map<String, Object>) JsonUtil.parseJson(response.body()).get("headers");
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
        return ((List<String>) headers.get(header)).get(0);
    }

    @Test
    void afterLoginProxyingAndAFailedRouteThenTheFixedMetricsPassPromtool() throws Exception {
        assertEquals(200, get("/data").statusCode());
        assertEquals(502, get("/api/x").statusCode());

        String metrics = get("/metrics").body();

        assertEquals("", Promtool.check(metrics), metrics);
        for (String line : List.of(
                "gateway_logins_total{outcome=\"success\"} 1.0",
                "gateway_logins_total{outcome=\"invalid_state\"} 0.0",
                "gateway_token_requests_total{error_code=\"none\",grant=\"authorization_code\",outcome=\"ok\"} 1.0",
                "gateway_token_request_duration_seconds_count{grant=\"authorization_code\"} 1",
                "gateway_upstream_requests_total{route=\"default\",status=\"2xx\"} 2.0",
                "gateway_upstream_requests_total{route=\"api\",status=\"5xx\"} 1.0",
                "gateway_upstream_request_duration_seconds_count{route=\"api\"} 1",
                "gateway_sessions 1.0",
                "gateway_pending_logins 0.0",
                "gateway_token_refreshes_total{outcome=\"ok\"} 0.0",
                "gateway_client_certificate_expiry_timestamp_seconds{x5t=\"" + system.credentials.x5t() + "\"} "
                        + (double) system.credentials.certificate().getNotAfter().toInstant().getEpochSecond())) {
            assertTrue(metrics.contains("\n" + line + "\n"), () -> "missing " + line + " in\n" + metrics);
        }
        for (String binder : List.of("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "process_uptime_seconds ",
                "jetty_threads_current ", "jetty_connections_current")) {
            assertTrue(metrics.contains(binder), binder);
        }
        for (String userData : List.of("alice", "example.com", "/data", "/api/x")) {
            assertFalse(metrics.contains(userData), "a label holds user data: " + userData);
        }
    }

    @Test
    void plainRequestIdFromTheClientThenTheUpstreamAndTheResponseCarryIt() throws Exception {
        HttpResponse<String> response = get("/data", "X-Request-Id", "lb-7f3a.91_x");

        assertEquals("lb-7f3a.91_x", response.headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals("lb-7f3a.91_x", upstreamSaw(response, "X-Request-Id"));
    }

    @Test
    void noOrAHostileRequestIdThenAFreshOneEverywhere() throws Exception {
        HttpResponse<String> none = get("/data");
        HttpResponse<String> hostile = get("/data", "X-Request-Id", "x\"><script>");

        String id = none.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(id.matches("[A-Za-z0-9_-]{20}"), id);
        assertEquals(id, upstreamSaw(none, "X-Request-Id"));
        String replaced = hostile.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(replaced, upstreamSaw(hostile, "X-Request-Id"));
        assertNotEquals(id, replaced);
        assertFalse(hostile.body().contains("<script>"));
    }

    @Test
    void upstreamDownThenTheErrorPageAndJsonNameTheRequestId() throws Exception {
        HttpResponse<String> page = get("/api/x", "Accept", "text/html", "X-Request-Id", "trace-42");
        HttpResponse<String> json = get("/api/x");

        assertEquals(502, page.statusCode());
        assertTrue(page.body().contains("Request id: <code>trace-42</code>"), page.body());
        assertEquals(json.headers().firstValue("X-Request-Id").orElseThrow(),
                JsonUtil.parseJson(json.body()).get("request_id"));
    }
}
