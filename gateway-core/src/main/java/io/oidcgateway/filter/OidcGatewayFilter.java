package io.oidcgateway.filter;

import io.oidcgateway.config.ConfigException;
import io.oidcgateway.http.AmbiguousPathException;
import io.oidcgateway.http.RequestPath;
import io.oidcgateway.session.RenewalUnavailableException;
import io.oidcgateway.session.SessionStoreUnavailableException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.MDC;

/**
 * The gateway as a servlet filter: serves {@code /oauth2/*} and the health endpoints, passes
 * signed-in requests on with a bearer token and identity headers, and sends everyone else to
 * log in (browsers) or answers 401 (API clients). No container-specific code, so it also runs
 * in any servlet 6 container from {@code web.xml} with the init parameter {@code config}.
 */
public final class OidcGatewayFilter implements Filter {
    /**
     * The request attribute naming the session a forwarded request was let through for, so that
     * what outlives the request (a proxied WebSocket) can end with the session. In-process only.
     */
    public static final String SESSION_ID_ATTRIBUTE = "io.oidcgateway.session-id";

    /** The request attribute holding the caller's {@code sub}, for the access log. In-process only. */
    public static final String USER_ATTRIBUTE = "io.oidcgateway.user";

    /** web.xml init parameter naming the properties file. */
    public static final String CONFIG_INIT_PARAM = "config";

    /** The handlers, each with only what it uses; built by {@link GatewayBuilder}. */
    record Handlers(LoginFlow login, CallbackHandler callback, SignOutEndpoint signOut, UserinfoEndpoint userinfo,
            ForwardAuthEndpoint forwardAuth, BackchannelLogoutEndpoint backchannelLogout, HealthEndpoints health,
            ProtectedRequests protectedRequests, PreservedPost preservedPost, ErrorResponder errors,
            RequestIds requestIds) {
    }

    private volatile Handlers handlers;

    /** For web.xml: the gateway is built in {@link #init(FilterConfig)} from the configuration file. */
    public OidcGatewayFilter() {
    }

    OidcGatewayFilter(Handlers handlers) {
        this.handlers = handlers;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (handlers != null) {
            return;
        }
        String file = filterConfig.getInitParameter(CONFIG_INIT_PARAM);
        if (file == null) {
            throw new ServletException("OidcGatewayFilter needs the init parameter '" + CONFIG_INIT_PARAM
                    + "' naming the gateway.properties file");
        }
        try {
            handlers = GatewayBuilder.fromFile(Path.of(file), System.getenv(), Clock.systemUTC()).filter().handlers;
        } catch (ConfigException e) {
            throw new ServletException(e.getMessage());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Handlers h = handlers;
        MDC.put(RequestIds.MDC_KEY, h.requestIds().of(request, response));
        try {
            judge(h, request, response, chain);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private static void judge(Handlers h, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestPath path;
        try {
            path = RequestPath.parse(request.getRequestURI().substring(request.getContextPath().length()));
        } catch (AmbiguousPathException e) {
            h.errors().send(request, response, ambiguous(e));
            return;
        }
        // The proxy routes by the same path the filter decided on.
        request.setAttribute(RequestPath.ATTRIBUTE, path);
        try {
            dispatch(h, request, response, chain, path);
        } catch (SessionStoreUnavailableException e) {
            // Never a redirect to the IdP: the session still exists, only its store is away for now.
            h.errors().send(request, response, GatewayError.of(ErrorCode.SESSION_STORE_UNAVAILABLE,
                    "Session store unavailable", "The session store cannot be reached (" + e.getMessage()
                            + "). Your sign-in is kept: try again in a moment."));
        } catch (RenewalUnavailableException e) {
            h.errors().send(request, response, GatewayError.of(ErrorCode.RENEWAL_UNAVAILABLE,
                    "The identity provider cannot be reached to renew your sign-in", "Your access token has"
                            + " expired and renewing it failed (" + e.getMessage() + "). Your sign-in is kept:"
                            + " try again in a moment."));
        }
    }

    private static void dispatch(Handlers h, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain, RequestPath path) throws IOException, ServletException {
        if (!GatewayPaths.ALL.contains(path.decoded())) {
            h.protectedRequests().handle(request, response, chain, path);
            return;
        }
        GatewayResponses.denyFraming(response);
        switch (path.decoded()) {
            case GatewayPaths.START -> h.login().start(request, response,
                    LocalRedirects.sanitize(request.getParameter("rd")));
            case GatewayPaths.CALLBACK -> h.callback().handle(request, response);
            case GatewayPaths.SIGN_OUT -> h.signOut().handle(request, response);
            case GatewayPaths.USERINFO -> h.userinfo().handle(request, response);
            case GatewayPaths.AUTH -> h.forwardAuth().handle(request, response);
            case GatewayPaths.BACKCHANNEL_LOGOUT -> h.backchannelLogout().handle(request, response);
            case GatewayPaths.HEALTHZ -> h.health().healthz(response);
            case GatewayPaths.READYZ -> h.health().readyz(response);
            case GatewayPaths.METRICS -> h.health().metrics(response);
            case GatewayPaths.RESTORE -> h.preservedPost().restore(response);
            default -> throw new IllegalStateException("no handler for " + path.decoded());
        }
    }

    static GatewayError ambiguous(AmbiguousPathException e) {
        return GatewayError.of(ErrorCode.AMBIGUOUS_PATH, "This address cannot be served",
                "The request's path " + e.getMessage() + ". Servers read such a path in different ways, so the"
                        + " gateway refuses it rather than guess which page is meant. Open the page by its plain"
                        + " address.");
    }
}
