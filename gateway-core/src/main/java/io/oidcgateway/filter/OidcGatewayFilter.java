package io.oidcgateway.filter;

import io.oidcgateway.config.ConfigException;
import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.http.AmbiguousPathException;
import io.oidcgateway.http.RequestPath;
import io.oidcgateway.oidc.BearerTokenValidator;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdTokenException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
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
import java.util.Optional;

/**
 * The gateway as a servlet filter: serves {@code /oauth2/*} and the health endpoints, passes
 * signed-in requests on with a bearer token and identity headers, and sends everyone else to
 * log in (browsers) or answers 401 (API clients). No container-specific code, so it also runs
 * in any servlet 6 container from {@code web.xml} with the init parameter {@code config}.
 */
public final class OidcGatewayFilter implements Filter {
    /** web.xml init parameter naming the properties file. */
    public static final String CONFIG_INIT_PARAM = "config";

    private Gateway gateway;
    private LoginFlow login;
    private CallbackHandler callback;
    private SessionEndpoints sessionEndpoints;
    private BackchannelLogoutEndpoint backchannelLogout;

    /** For web.xml: the gateway is built in {@link #init(FilterConfig)}. */
    public OidcGatewayFilter() {
    }

    public OidcGatewayFilter(Gateway gateway) {
        wire(gateway);
    }

    private void wire(Gateway g) {
        this.gateway = g;
        this.login = new LoginFlow(g.config(), g);
        this.callback = new CallbackHandler(g.config(), g);
        this.sessionEndpoints = new SessionEndpoints(g.config(), g);
        this.backchannelLogout = new BackchannelLogoutEndpoint(g);
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (gateway != null) {
            return;
        }
        String file = filterConfig.getInitParameter(CONFIG_INIT_PARAM);
        if (file == null) {
            throw new ServletException("OidcGatewayFilter needs the init parameter '" + CONFIG_INIT_PARAM
                    + "' naming the gateway.properties file");
        }
        try {
            wire(new Gateway(new ConfigLoader(System.getenv(), Clock.systemUTC()).load(Path.of(file)),
                    Clock.systemUTC()));
        } catch (ConfigException e) {
            throw new ServletException(e.getMessage());
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        RequestPath path;
        try {
            path = RequestPath.parse(request.getRequestURI().substring(request.getContextPath().length()));
        } catch (AmbiguousPathException e) {
            gateway.errors().send(request, response, ambiguous(e));
            return;
        }
        // The proxy routes by the same path the filter decided on.
        request.setAttribute(RequestPath.ATTRIBUTE, path);
        if (!GatewayPaths.ALL.contains(path.decoded())) {
            protect(request, response, chain, path);
            return;
        }
        GatewayResponses.denyFraming(response);
        switch (path.decoded()) {
            case GatewayPaths.START -> login.start(request, response, LocalRedirects.sanitize(request.getParameter("rd")));
            case GatewayPaths.CALLBACK -> callback.handle(request, response);
            case GatewayPaths.SIGN_OUT -> sessionEndpoints.signOut(request, response, currentSession(request));
            case GatewayPaths.USERINFO -> sessionEndpoints.userinfo(response, currentSession(request));
            case GatewayPaths.AUTH -> sessionEndpoints.forwardAuth(request, response, currentSession(request));
            case GatewayPaths.BACKCHANNEL_LOGOUT -> backchannelLogout.handle(request, response);
            case GatewayPaths.HEALTHZ -> plain(response, 200, "ok\n");
            case GatewayPaths.READYZ -> readiness(response);
            case GatewayPaths.METRICS -> {
                response.setContentType("text/plain; version=0.0.4; charset=utf-8");
                response.getWriter().write(gateway.metrics().render());
            }
            default -> throw new IllegalStateException("no handler for " + path.decoded());
        }
    }

    static GatewayError ambiguous(AmbiguousPathException e) {
        return GatewayError.of(400, "ambiguous_path", "This address cannot be served",
                "The request's path " + e.getMessage() + ". Servers read such a path in different ways, so the"
                        + " gateway refuses it rather than guess which page is meant. Open the page by its plain"
                        + " address.");
    }

    private void protect(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            RequestPath path) throws IOException, ServletException {
        if (skipsLogin(request.getMethod(), path)) {
            chain.doFilter(forward(request, Optional.empty()), response);
            return;
        }
        Optional<Session> session = currentSession(request);
        if (session.isPresent()) {
            passIfAllowed(request, response, chain, Forwarding.of(session.get()));
            return;
        }
        Optional<String> bearer = bearerToken(request);
        Optional<BearerTokenValidator> bearerTokens = bearer.isPresent() ? bearerValidator() : Optional.empty();
        if (bearer.isPresent() && bearerTokens.isPresent()) {
            try {
                IdentityClaims caller = bearerTokens.get().validate(bearer.get());
                passIfAllowed(request, response, chain, new Forwarding(caller, bearer.get(), Optional.empty()));
            } catch (IdTokenException e) {
                gateway.metrics().requestsUnauthenticated.increment();
                SessionEndpoints.invalidToken(response, e.getMessage());
            }
            return;
        }
        gateway.metrics().requestsUnauthenticated.increment();
        if (RequestClassifier.isBrowserNavigation(request)) {
            String query = request.getQueryString();
            login.start(request, response, LocalRedirects.sanitize(
                    request.getRequestURI() + (query == null ? "" : "?" + query)));
        } else {
            SessionEndpoints.unauthorized(response);
        }
    }

    private void passIfAllowed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            Forwarding caller) throws IOException, ServletException {
        Optional<String> denial = gateway.access().denial(caller.identity());
        if (denial.isPresent()) {
            gateway.metrics().accessDenied.increment();
            gateway.errors().send(request, response, SessionEndpoints.accessDenied(caller.identity(), denial.get()));
            return;
        }
        gateway.metrics().requestsForwarded.increment();
        chain.doFilter(forward(request, Optional.of(caller)), response);
    }

    private ForwardedIdentityRequest forward(HttpServletRequest request, Optional<Forwarding> caller) {
        return new ForwardedIdentityRequest(request, caller, gateway.config().upstream().headers(),
                gateway.cookies().names());
    }

    /** Matched on the decoded form of the one unambiguous path that is also routed and forwarded. */
    private boolean skipsLogin(String method, RequestPath path) {
        return gateway.config().access().skipPaths().stream().anyMatch(p -> p.matches(method, path.decoded()));
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim()).filter(t -> !t.isEmpty());
    }

    private Optional<BearerTokenValidator> bearerValidator() {
        try {
            return gateway.provider().get().bearerTokens();
        } catch (DiscoveryException e) {
            return Optional.empty();
        }
    }

    /** The session named by the cookie, refreshed when its access token is about to expire; empty once ended. */
    private Optional<Session> currentSession(HttpServletRequest request) {
        return gateway.cookies().sessionId(request).flatMap(gateway.sessions()::find)
                .flatMap(gateway.refresher()::fresh);
    }

    private void readiness(HttpServletResponse response) throws IOException {
        if (gateway.provider().ready()) {
            plain(response, 200, "ready\n");
        } else {
            plain(response, 503, "not ready: the IdP's discovery document or key set has not loaded\n");
        }
    }

    private static void plain(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(body);
    }
}
