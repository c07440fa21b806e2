package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer for an error apart from how it is written, as a server without the servlet API writes it. */
class ErrorResponderTest {
    final ErrorResponder errors = new ErrorResponder(RequestIds.fast());

    @Test
    void anApiClientGetsJsonWithTheRequestIdAndThePagesHeadersInOrder() {
        ErrorAnswer answer = errors.answer(GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE, "The application cannot be"
                + " reached", "It may be down."), "req-7", false);

        assertEquals(502, answer.status());
        assertEquals(List.of(Map.entry("Cache-Control", "no-store"),
                Map.entry("Content-Security-Policy", "frame-ancestors 'none'"), Map.entry("X-Frame-Options", "DENY"),
                Map.entry("X-Request-Id", "req-7")), answer.headers());
        assertEquals("application/json", answer.contentType());
        assertTrue(answer.body().contains("\"error\":\"upstream_unavailable\""), answer.body());
        assertTrue(answer.body().contains("\"request_id\":\"req-7\""), answer.body());
    }

    @Test
    void aPersonGetsThePageWithTheRequestId() {
        ErrorAnswer answer = errors.answer(GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE, "Unreachable", "Down."),
                "req-8", true);

        assertEquals("text/html;charset=utf-8", answer.contentType());
        assertTrue(answer.body().contains("req-8") && answer.body().contains("Unreachable"), answer.body());
    }

    @Test
    void a503SaysWhenToTryAgainAnd401sSayHowToAuthenticate() {
        ErrorAnswer away = errors.answer(GatewayError.of(ErrorCode.SESSION_STORE_UNAVAILABLE, "Away", "Soon."), "a",
                false);
        ErrorAnswer signIn = errors.answer(ProtectedRequests.SIGN_IN_FIRST, "b", false);
        ErrorAnswer refused = errors.answer(GatewayError.of(ErrorCode.INVALID_TOKEN, "Refused", "Expired."), "c",
                false);

        assertTrue(away.headers().contains(Map.entry("Retry-After", "5")), away.headers().toString());
        assertTrue(signIn.headers().contains(Map.entry("WWW-Authenticate", "Bearer realm=\"oidc-gateway\"")));
        assertTrue(refused.headers().contains(Map.entry("WWW-Authenticate",
                "Bearer realm=\"oidc-gateway\", error=\"invalid_token\"")));
        assertTrue(signIn.headers().stream().noneMatch(h -> h.getKey().equals("Retry-After")));
    }
}
