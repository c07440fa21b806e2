package io.oidcgateway.filter;

import io.oidcgateway.config.SkipPath;
import io.oidcgateway.http.RequestPath;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionRefresher;
import io.oidcgateway.session.SessionRepository;
import io.oidcgateway.session.SessionStoreUnavailableException;
import java.util.List;
import java.util.Optional;

/**
 * The filter's decision for the one kind of request that is most of the traffic, made from the
 * request's parts without the servlet API, so that a server can proxy it without a servlet
 * (the embedded server's short path, see {@code SignedInShortPath}): a request with a live
 * session whose access token is not due for renewal, on a path that is not the gateway's own
 * nor served without login, that the access rules allow. It is passed on only when the filter
 * would pass it on, with the identity headers and the forwarding rule the filter would use, made
 * by the same objects. Everything else is left to the filter (empty), which answers it: the
 * gateway's paths, a missing or ended session, a renewal, a refusal, a store that cannot be read.
 */
public final class SignedInRequests {
    private final List<SkipPath> skipPaths;
    private final Forwarding forwarding;
    private final UpstreamIdentity upstreamIdentity;
    private final GatewayCookies cookies;
    private final SessionRepository sessions;
    private final SessionRefresher refresher;
    private final AccessPolicy access;

    SignedInRequests(List<SkipPath> skipPaths, Forwarding forwarding, UpstreamIdentity upstreamIdentity,
            GatewayCookies cookies, SessionRepository sessions, SessionRefresher refresher, AccessPolicy access) {
        this.skipPaths = List.copyOf(skipPaths);
        this.forwarding = forwarding;
        this.upstreamIdentity = upstreamIdentity;
        this.cookies = cookies;
        this.sessions = sessions;
        this.refresher = refresher;
        this.access = access;
    }

    /**
     * @param path the request's path, parsed as the filter parses it
     * @param cookieHeaders the request's {@code Cookie} header values
     * @param peer the connection's remote address, a literal
     * @return empty when the filter is to decide
     */
    public Optional<Admitted> admit(String method, RequestPath path, List<String> cookieHeaders, String peer) {
        if (GatewayPaths.ALL.contains(path.decoded()) || SkipPath.anyMatches(skipPaths, method, path.decoded())) {
            return Optional.empty();
        }
        Optional<String> id = cookies.sessionId(cookieHeaders);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Session> session;
        try {
            session = sessions.get(id.get());
        } catch (SessionStoreUnavailableException e) {
            return Optional.empty();
        }
        if (session.isEmpty() || refresher.due(session.get())) {
            return Optional.empty();
        }
        IdentityClaims caller = session.get().identity();
        if (access.refusal(caller).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Admitted(session.get().id(), caller.subject(), upstreamIdentity.of(session.get()),
                forwarding.ruleFor(peer)));
    }
}
