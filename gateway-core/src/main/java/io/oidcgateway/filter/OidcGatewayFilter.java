package io.oidcgateway.filter;

import io.oidcgateway.config.ConfigException;
import io.oidcgateway.config.ConfigLoader;
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
        String path = request.getRequestURI().substring(request.getContextPath().length());
        switch (path) {
            case GatewayPaths.START -> login.start(request, response, LocalRedirects.sanitize(request.getParameter("rd")));
            case GatewayPaths.CALLBACK -> callback.handle(request, response);
            case GatewayPaths.SIGN_OUT -> sessionEndpoints.signOut(request, response, currentSession(request));
            case GatewayPaths.USERINFO -> sessionEndpoints.userinfo(response, currentSession(request));
            case GatewayPaths.AUTH -> sessionEndpoints.forwardAuth(response, currentSession(request));
            case GatewayPaths.HEALTHZ -> plain(response, 200, "ok\n");
            case GatewayPaths.READYZ -> readiness(response);
            case GatewayPaths.METRICS -> {
                response.setContentType("text/plain; version=0.0.4; charset=utf-8");
                response.getWriter().write(gateway.metrics().render());
            }
            default -> protect(request, response, chain);
        }
    }

    private void protect(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Session> session = currentSession(request);
        if (session.isPresent()) {
            gateway.metrics().requestsForwarded.increment();
            chain.doFilter(new ForwardedIdentityRequest(request, session, gateway.cookies().names()), response);
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

    /** The session named by the cookie, while its access token is still usable. */
    private Optional<Session> currentSession(HttpServletRequest request) {
        Optional<Session> session = gateway.cookies().sessionId(request).flatMap(gateway.sessions()::find);
        if (session.isPresent() && !session.get().accessTokenValid(gateway.clock().instant())) {
            gateway.sessions().remove(session.get().id());
            return Optional.empty();
        }
        return session;
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
