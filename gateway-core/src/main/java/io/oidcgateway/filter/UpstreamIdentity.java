package io.oidcgateway.filter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.config.IdentityHeaders;
import io.oidcgateway.http.HeaderValues;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The headers that tell the upstream who the caller is, as {@code upstream.headers.*} choose
 * them. A session's are the same on each of its requests, so they are made once per session
 * object while it is in use: building them (the access token encoded from its packed form, the
 * values checked, the groups joined) took about 5% of the gateway's CPU under load (JFR).
 */
final class UpstreamIdentity {
    /** Sessions in use at once, each keeping about 2 KB of header values here; the rest are made again. */
    static final int SESSIONS_KEPT = 10_000;

    private final IdentityHeaders settings;
    private final Cache<Session, CallerHeaders> bySession;

    UpstreamIdentity(IdentityHeaders settings) {
        this.settings = settings;
        // Weak keys compare by identity: a refreshed or re-read session is a new object with its own
        // entry, and an entry goes with its session once the store has let it go.
        this.bySession = Caffeine.newBuilder().weakKeys().maximumSize(SESSIONS_KEPT).build();
    }

    CallerHeaders of(Session session) {
        return bySession.get(session, s -> of(CallerIdentity.of(s)));
    }

    CallerHeaders of(CallerIdentity caller) {
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
        return new CallerHeaders(headers);
    }

    /** Only a value that reaches the upstream unchanged is sent; see {@link HeaderValues}. */
    private static void add(List<Map.Entry<String, List<String>>> headers, String name, String value) {
        HeaderValues.exact(value).ifPresent(v -> headers.add(Map.entry(name, List.of(v))));
    }
}
