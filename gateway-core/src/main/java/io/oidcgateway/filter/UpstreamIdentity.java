package io.oidcgateway.filter;

import io.oidcgateway.config.IdentityHeaders;
import io.oidcgateway.http.HeaderValues;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The headers that tell the upstream who the caller is, as {@code upstream.headers.*} choose
 * them. A session's are made once per session object while it is in use ({@link PerSession}):
 * building them (the access token encoded from its packed form, the
 * values checked, the groups joined) took about 5% of the gateway's CPU under load (JFR).
 */
final class UpstreamIdentity {
    private final IdentityHeaders settings;
    private final PerSession<CallerHeaders> bySession;

    UpstreamIdentity(IdentityHeaders settings) {
        this.settings = settings;
        this.bySession = new PerSession<>(session -> headers(CallerIdentity.of(session), true));
    }

    CallerHeaders of(Session session) {
        return bySession.get(session);
    }

    /** An API client's, made for its one request. */
    CallerHeaders of(CallerIdentity caller) {
        return headers(caller, false);
    }

    private CallerHeaders headers(CallerIdentity caller, boolean perSession) {
        List<Map.Entry<String, List<String>>> headers = new ArrayList<>(6);
        IdentityClaims id = caller.identity();
        if (settings.accessToken()) {
            // A session's token was checked as an RFC 6750 b64token when the IdP sent it; an API client's is
            // the header it sent. Neither needs the per-character check again.
            headers.add(Map.entry("Authorization", List.of(caller.bearerAuthorization())));
        }
        if (settings.user()) {
            add(headers, "X-Forwarded-User", id.subject());
        }
        if (settings.email()) {
            id.email().ifPresent(v -> add(headers, "X-Forwarded-Email", v));
        }
        if (settings.preferredUsername()) {
            id.preferredUsername().ifPresent(v -> add(headers, "X-Forwarded-Preferred-Username", v));
        }
        if (settings.groups()) {
            IdentityHeaderValues.groups(id).ifPresent(v -> add(headers, "X-Forwarded-Groups", v));
        }
        if (settings.idToken()) {
            caller.idToken().ifPresent(v -> add(headers, "X-Forwarded-Id-Token", v));
        }
        return new CallerHeaders(headers, perSession);
    }

    /** Only a value that reaches the upstream unchanged is sent; see {@link HeaderValues}. */
    private static void add(List<Map.Entry<String, List<String>>> headers, String name, String value) {
        HeaderValues.exact(value).ifPresent(v -> headers.add(Map.entry(name, List.of(v))));
    }
}
