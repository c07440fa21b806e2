package io.oidcgateway.filter;

import io.oidcgateway.config.SkipPath;
import io.oidcgateway.http.RequestPath;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdTokenException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.session.Session;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.oidcgateway.logging.LogText;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every path that is not the gateway's own: passed on with the session's bearer token and
 * identity, after the access rules; without a session a browser is sent to log in and an API
 * client gets 401, unless it brings the IdP's own JWT or the path is served without login.
 */
final class ProtectedRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ProtectedRequests.class);
    static final GatewayError SIGN_IN_FIRST = GatewayError.of(ErrorCode.UNAUTHORIZED, "Sign in first",
            "This needs a session: open " + GatewayPaths.START + " in a browser.");

    private final List<SkipPath> skipPaths;
    private final Optional<PreservedPost> preservedPost;
    private final Forwarding forwarding;
    private final CurrentSession current;
    private final IdentityProviderClient idp;
    private final AccessPolicy access;
    private final LoginFlow login;
    private final ErrorResponder errors;
    private final GatewayMetrics metrics;
    private final UpstreamIdentity upstreamIdentity;

    /** @param preservedPost empty with {@code session.preserve-post=false} */
    ProtectedRequests(List<SkipPath> skipPaths, Forwarding forwarding, UpstreamIdentity upstreamIdentity,
            CurrentSession current,
            IdentityProviderClient idp, AccessPolicy access, LoginFlow login, Optional<PreservedPost> preservedPost,
            ErrorResponder errors, GatewayMetrics metrics) {
        this.preservedPost = preservedPost;
        this.skipPaths = List.copyOf(skipPaths);
        this.forwarding = forwarding;
        this.current = current;
        this.idp = idp;
        this.access = access;
        this.login = login;
        this.errors = errors;
        this.metrics = metrics;
        this.upstreamIdentity = upstreamIdentity;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain, RequestPath path)
            throws IOException, ServletException {
        if (SkipPath.anyMatches(skipPaths, request.getMethod(), path.decoded())) {
            chain.doFilter(forward(request, CallerHeaders.NONE), response);
            return;
        }
        Optional<Session> session = current.fresh(request);
        if (session.isPresent()) {
            // A long-lived exchange (a WebSocket) is ended by the proxy when this session ends.
            request.setAttribute(OidcGatewayFilter.SESSION_ID_ATTRIBUTE, session.get().id());
            passIfAllowed(request, response, chain, session.get().identity(), () -> upstreamIdentity.of(session.get()));
            return;
        }
        Optional<String> bearer = bearerToken(request);
        if (bearer.isPresent() && idp.acceptsBearerTokens()) {
            try {
                Optional<IdentityClaims> caller = idp.validateBearerToken(bearer.get());
                if (caller.isPresent()) {
                    CallerIdentity apiClient = CallerIdentity.ofBearer(caller.get(), bearer.get());
                    passIfAllowed(request, response, chain, caller.get(), () -> upstreamIdentity.of(apiClient));
                    return;
                }
            } catch (IdTokenException e) {
                metrics.requestUnauthenticated();
                errors.send(request, response, GatewayError.of(ErrorCode.INVALID_TOKEN, "The bearer token was refused",
                        e.getMessage()));
                return;
            } catch (DiscoveryException e) {
                // The IdP's keys cannot be had now: the caller is treated as one without a token.
            }
        }
        signInFirst(request, response);
    }

    /** No session and no bearer token: a person is sent to sign in (a form kept for after), a program gets 401. */
    private void signInFirst(HttpServletRequest request, HttpServletResponse response) throws IOException {
        metrics.requestUnauthenticated();
        if (preservedPost.isPresent() && RequestClassifier.isBrowserFormPost(request)
                && preservedPost.get().keep(request, response, returnPath(request))) {
            return;
        }
        if (RequestClassifier.isBrowserNavigation(request)) {
            login.start(request, response, returnPath(request));
        } else {
            errors.send(request, response, SIGN_IN_FIRST);
        }
    }

    /** The request's own address, checked as any return address is. */
    private static String returnPath(HttpServletRequest request) {
        String query = request.getQueryString();
        return LocalRedirects.sanitize(request.getRequestURI() + (query == null ? "" : "?" + query));
    }

    /** @param headers the caller's upstream headers, made only when the request is passed on */
    private void passIfAllowed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            IdentityClaims caller, Supplier<CallerHeaders> headers)
            throws IOException, ServletException {
        request.setAttribute(OidcGatewayFilter.USER_ATTRIBUTE, caller.subject());
        Optional<GatewayError> refusal = access.refusal(caller);
        if (refusal.isPresent()) {
            metrics.accessDenied();
            errors.send(request, response, refusal.get());
            return;
        }
        metrics.requestForwarded();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} passed on for {}", request.getMethod(), LogText.clean(request.getRequestURI()),
                    LogText.clean(caller.subject()));
        }
        chain.doFilter(forward(request, headers.get()), response);
    }

    private ForwardedIdentityRequest forward(HttpServletRequest request, CallerHeaders identityHeaders) {
        return new ForwardedIdentityRequest(request, identityHeaders, forwarding.ruleFor(request.getRemoteAddr()));
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim()).filter(t -> !t.isEmpty());
    }
}
