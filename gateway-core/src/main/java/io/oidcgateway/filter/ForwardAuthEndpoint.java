package io.oidcgateway.filter;

import io.oidcgateway.http.AmbiguousPathException;
import io.oidcgateway.http.HeaderValues;
import io.oidcgateway.http.RequestPath;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /oauth2/auth}, for nginx {@code auth_request} and Traefik {@code forwardAuth}: 202
 * with the identity headers, 401 without a session, 403 when the access rules refuse the user
 * or the request asked about has a path that servers read in different ways.
 */
final class ForwardAuthEndpoint {
    static final List<String> ORIGINAL_URI_HEADERS = List.of("X-Original-URI", "X-Forwarded-Uri");

    private final CurrentSession current;
    private final AccessPolicy access;
    private final ErrorResponder errors;
    private final GatewayMetrics metrics;
    private final PerSession<CallerHeaders> answers = new PerSession<>(ForwardAuthEndpoint::identityHeaders);

    ForwardAuthEndpoint(CurrentSession current, AccessPolicy access, ErrorResponder errors, GatewayMetrics metrics) {
        this.current = current;
        this.access = access;
        this.errors = errors;
        this.metrics = metrics;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Optional<String> ambiguity = ambiguousOriginalPath(request);
        if (ambiguity.isPresent()) {
            errors.send(request, response, GatewayError.of(ErrorCode.AMBIGUOUS_ORIGINAL_PATH,
                    "This address cannot be served", "The original request's path " + ambiguity.get()
                            + "; servers read it in different ways, so it is not approved."));
            return;
        }
        Optional<Session> session = current.fresh(request);
        if (session.isEmpty()) {
            errors.send(request, response, ProtectedRequests.SIGN_IN_FIRST);
            return;
        }
        IdentityClaims id = session.get().identity();
        Optional<GatewayError> refusal = access.refusal(id);
        if (refusal.isPresent()) {
            metrics.accessDenied();
            errors.send(request, response, refusal.get());
            return;
        }
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        for (Map.Entry<String, List<String>> header : answers.get(session.get()).entries()) {
            response.setHeader(header.getKey(), header.getValue().get(0));
        }
    }

    private static CallerHeaders identityHeaders(Session session) {
        IdentityClaims id = session.identity();
        List<Map.Entry<String, List<String>>> headers = new ArrayList<>(5);
        addExact(headers, "X-Auth-Request-User", Optional.of(id.subject()));
        addExact(headers, "X-Auth-Request-Email", id.email());
        addExact(headers, "X-Auth-Request-Preferred-Username", id.preferredUsername());
        addExact(headers, "X-Auth-Request-Groups", IdentityHeaderValues.groups(id));
        addExact(headers, "X-Auth-Request-Access-Token", Optional.of(session.accessToken()));
        return new CallerHeaders(headers);
    }

    /** The same rule as for the upstream's headers: the exact UTF-8 bytes, or no header. */
    private static void addExact(List<Map.Entry<String, List<String>>> headers, String name, Optional<String> value) {
        value.flatMap(HeaderValues::exact).ifPresent(v -> headers.add(Map.entry(name, List.of(v))));
    }

    /**
     * The proxy in front names the request it asks about; a path servers read in different ways
     * is never approved, so the proxy cannot pass one to its upstream that means something
     * other than what was asked.
     */
    private static Optional<String> ambiguousOriginalPath(HttpServletRequest request) {
        for (String header : ORIGINAL_URI_HEADERS) {
            for (String uri : Collections.list(request.getHeaders(header))) {
                int query = uri.indexOf('?');
                try {
                    RequestPath.parse(query < 0 ? uri : uri.substring(0, query));
                } catch (AmbiguousPathException e) {
                    return Optional.of(e.getMessage());
                }
            }
        }
        return Optional.empty();
    }
}
