package io.oidcgateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.oidcgateway.filter.CallerHeaders;
import io.oidcgateway.filter.ForwardedIdentityRequest;
import io.oidcgateway.filter.ForwardingRule;
import io.oidcgateway.filter.RequestIds;
import io.oidcgateway.testing.FakeHttp;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.junit.jupiter.api.Test;

/**
 * The proxy reads the client's fields itself, by the filter's rule: the upstream must get exactly
 * what the filter's wrapper shows any servlet, with Jetty's hop-by-hop rules on top.
 */
class UpstreamRequestHeadersTest {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authorization",
            "proxy-authenticate", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade");
    /** As a client sent them: forgeries in every spelling, the gateway's cookie, hop-by-hop tricks. */
    private static final List<Map.Entry<String, String>> SENT = List.of(
            Map.entry("Host", "app.example.com"),
            Map.entry("Accept", "text/html"),
            Map.entry("X-Forwarded-User", "admin"),
            Map.entry("x_forwarded_user", "admin2"),
            Map.entry("X-Auth-Request-Email", "boss@example.com"),
            Map.entry("Authorization", "Bearer forged"),
            Map.entry("X-Request-Id", "forged-id"),
            Map.entry("Cookie", "theme=dark; gateway_session=s3cr3t; lang=en"),
            Map.entry("Connection", "keep-alive, X-Forwarded-Email, X-Custom-Hop"),
            Map.entry("X-Custom-Hop", "dropped"),
            Map.entry("Keep-Alive", "timeout=5"),
            Map.entry("Accept-Language", "en"),
            Map.entry("accept-language", "de"));
    private static final CallerHeaders ALICE = new CallerHeaders(List.of(
            Map.entry("Authorization", List.of("Bearer at-alice")),
            Map.entry("X-Forwarded-User", List.of("alice")),
            Map.entry("X-Forwarded-Groups", List.of("admins", "users"))), true);

    private static ForwardedIdentityRequest forwarded(CallerHeaders identity, boolean trustedPeer) {
        FakeHttp.Request request = FakeHttp.Request.get("/app");
        SENT.forEach(header -> request.header(header.getKey(), header.getValue()));
        HttpServletRequest servlet = request.servlet();
        servlet.setAttribute(RequestIds.ATTRIBUTE, "req-1");
        return new ForwardedIdentityRequest(servlet, identity,
                new ForwardingRule(Set.of("gateway_session", "gateway_login"), trustedPeer));
    }

    private static HttpFields client() {
        HttpFields.Mutable fields = HttpFields.build();
        SENT.forEach(header -> fields.add(header.getKey(), header.getValue()));
        return fields;
    }

    private static UpstreamRequestHeaders headers(boolean preserveHost) {
        return new UpstreamRequestHeaders(preserveHost, HOP_BY_HOP, new EncodedCallerHeaders());
    }

    @Test
    void theUpstreamGetsTheClientsHeadersAsTheRulePassesThemThenTheGatewaysOwn() {
        HttpFields sent = headers(false).of(forwarded(ALICE, false), client());

        assertEquals(List.of(
                "Accept: text/html",
                "Cookie: theme=dark; lang=en",
                "Accept-Language: en",
                "accept-language: de",
                "X-Request-Id: req-1",
                "Authorization: Bearer at-alice",
                "X-Forwarded-User: alice",
                "X-Forwarded-Groups: admins",
                "X-Forwarded-Groups: users"), sent.stream().map(f -> f.getName() + ": " + f.getValue()).toList());
        assertInstanceOf(PreEncodedHttpField.class, sent.getField("Authorization"));
    }

    @Test
    void whatTheUpstreamGetsIsWhatTheFiltersWrapperShowsAServlet() {
        ForwardedIdentityRequest forwarded = forwarded(ALICE, false);
        HttpFields sent = headers(true).of(forwarded, client());

        for (String name : Collections.list(forwarded.getHeaderNames())) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lowerCase) || lowerCase.equals("x-custom-hop")) {
                continue;
            }
            assertEquals(Collections.list(forwarded.getHeaders(name)), sent.getValuesList(name), name);
        }
        assertEquals("app.example.com", sent.get("Host"));
    }

    @Test
    void aFieldTheRuleLeavesAloneIsSentAsJettyParsedIt() {
        HttpFields client = client();
        HttpFields sent = headers(false).of(forwarded(CallerHeaders.NONE, false), client);
        assertSame(client.getField("Accept"), sent.getField("Accept"));
        assertEquals(List.of("Accept", "Cookie", "Accept-Language", "accept-language", "X-Request-Id"),
                sent.stream().map(HttpField::getName).toList());
    }
}
