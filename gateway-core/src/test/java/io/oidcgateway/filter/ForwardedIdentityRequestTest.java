package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oidcgateway.testing.FakeHttp;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request as the upstream sees it through the filter's wrapper, and the rule a proxy applies itself. */
class ForwardedIdentityRequestTest {
    private static final Set<String> GATEWAY_COOKIES = Set.of("gateway_session", "gateway_login");
    private static final CallerHeaders ALICE = new CallerHeaders(List.of(
            Map.entry("Authorization", List.of("Bearer at-alice")),
            Map.entry("X-Forwarded-User", List.of("alice"))), true);

    private static ForwardedIdentityRequest forwarded(FakeHttp.Request sent, CallerHeaders identity,
            boolean trustedPeer, String requestId) {
        HttpServletRequest servlet = sent.servlet();
        if (requestId != null) {
            servlet.setAttribute(RequestIds.ATTRIBUTE, requestId);
        }
        return new ForwardedIdentityRequest(servlet, identity, new ForwardingRule(GATEWAY_COOKIES, trustedPeer));
    }

    private static FakeHttp.Request forged() {
        return FakeHttp.Request.get("/app")
                .header("Accept", "text/html")
                .header("X-Forwarded-User", "admin")
                .header("x_FORWARDED_user", "admin2")
                .header("X-Auth-Request-Groups", "admins")
                .header("X_Auth_Request_User", "root")
                .header("X-Original-URL", "/admin")
                .header("X-Forwarded-For", "10.0.0.1")
                .header("Connection", "close, X-Forwarded-User, X-Custom")
                .header("accept", "application/json")
                .cookie("theme", "dark")
                .cookie("gateway_session", "s3cr3t");
    }

    @Test
    void theUpstreamSeesTheClientsOwnHeadersOnceEachThenTheRequestIdAndTheCallersIdentity() {
        ForwardedIdentityRequest request = forwarded(forged(), ALICE, false, "req-1");

        assertEquals(List.of("Accept", "Connection", "Cookie", "X-Request-Id", "Authorization", "X-Forwarded-User"),
                Collections.list(request.getHeaderNames()));
        assertEquals(List.of("text/html", "application/json"), Collections.list(request.getHeaders("ACCEPT")));
        assertEquals("close, X-Custom", request.getHeader("Connection"));
        assertEquals("theme=dark", request.getHeader("cookie"));
        assertEquals(List.of("alice"), Collections.list(request.getHeaders("x-forwarded-user")));
        assertEquals("Bearer at-alice", request.getHeader("Authorization"));
        assertEquals("req-1", request.getHeader("x-request-id"));
        for (String forgedName : List.of("X_Forwarded_User", "X-Auth-Request-Groups", "x-auth-request-user",
                "X-Original-URL", "X-Forwarded-For")) {
            assertNull(request.getHeader(forgedName), forgedName);
        }
    }

    @Test
    void aTrustedProxyVouchesOnlyForTheForwardingHeadersSpelledAsSent() {
        FakeHttp.Request sent = FakeHttp.Request.get("/").header("X-Forwarded-For", "203.0.113.7")
                .header("X_Forwarded_For", "10.9.9.9").header("X-Forwarded-User", "admin");
        assertEquals("203.0.113.7", forwarded(sent, CallerHeaders.NONE, true, null).getHeader("X-Forwarded-For"));
        assertEquals(List.of("X-Forwarded-For"),
                Collections.list(forwarded(sent, CallerHeaders.NONE, true, null).getHeaderNames()));
        assertNull(forwarded(sent, CallerHeaders.NONE, false, null).getHeader("X-Forwarded-For"));
    }

    @Test
    void aCookieOrConnectionHeaderLeftEmptyAndAnIdThatWouldChangeOnTheWayAreNotSent() {
        FakeHttp.Request sent = FakeHttp.Request.get("/").cookie("gateway_session", "s").cookie("gateway_login", "l");
        ForwardedIdentityRequest request = forwarded(sent, CallerHeaders.NONE, false, " padded ");
        assertEquals(List.of(), Collections.list(request.getHeaderNames()));
        assertEquals(Optional.empty(), request.requestId());
        assertEquals(0, request.getCookies().length);

        FakeHttp.Request onlyProtected = FakeHttp.Request.get("/").header("Connection", "X-Forwarded-User, authorization");
        assertEquals(List.of(), Collections.list(forwarded(onlyProtected, CallerHeaders.NONE, false, null).getHeaderNames()));
    }

    @Test
    void theRuleAProxyAppliesToEachFieldIsTheWrappers() {
        ForwardedIdentityRequest request = forwarded(forged(), ALICE, false, "req-1");
        assertEquals("text/html", request.rule().forwardedValue("Accept", "text/html"));
        assertNull(request.rule().forwardedValue("X_Forwarded_Email", "boss@example.com"));
        assertNull(request.rule().forwardedValue("x-auth-request-anything", "x"));
        assertEquals("v", request.rule().forwardedValue("X-Auth-Requester", "v"));
        assertEquals("a=1; b=2", request.rule().forwardedValue("Cookie", " a=1 ;gateway_login=x; b=2"));
        assertNull(request.rule().forwardedValue("Cookie", "gateway_session=s"));
        assertEquals("close", request.rule().forwardedValue("connection", "close, authorization"));
        assertEquals(Optional.of("req-1"), request.requestId());
    }
}
