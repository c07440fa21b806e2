package io.oidcgateway.proxy;

import io.oidcgateway.filter.ErrorResponder;
import io.oidcgateway.filter.GatewayError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Streams requests to the upstream the route table picks. Jetty's proxy already strips
 * hop-by-hop headers, follows no redirects and keeps no cookies; this adds the
 * {@code X-Forwarded-*} headers the contract names and turns upstream failures into the
 * gateway's own 502/504 page.
 */
public final class GatewayProxyServlet extends ProxyServlet {
    private final RouteTable routes;
    private final ErrorResponder errors;
    private final String publicScheme;

    public GatewayProxyServlet(RouteTable routes, ErrorResponder errors, String publicScheme) {
        this.routes = routes;
        this.errors = errors;
        this.publicScheme = publicScheme;
    }

    @Override
    protected String rewriteTarget(HttpServletRequest clientRequest) {
        return routes.target(clientRequest.getRequestURI(), clientRequest.getQueryString());
    }

    @Override
    protected void addForwardedHeader(HttpServletRequest clientRequest, Request proxyRequest) {
        super.addForwardedHeader(clientRequest, proxyRequest);
        String host = clientRequest.getHeader(HttpHeader.HOST.asString());
        proxyRequest.headers(headers -> {
            headers.put(HttpHeader.X_FORWARDED_FOR, clientRequest.getRemoteAddr());
            headers.put(HttpHeader.X_FORWARDED_PROTO, publicScheme);
            if (host != null) {
                headers.put(HttpHeader.X_FORWARDED_HOST, host);
            }
        });
    }

    @Override
    protected void sendProxyResponseError(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            int status) {
        GatewayError error = status == HttpServletResponse.SC_GATEWAY_TIMEOUT
                ? GatewayError.of(504, "upstream_timeout", "The application did not answer in time",
                        "The protected application took longer than upstream.timeout to answer.")
                : GatewayError.of(502, "upstream_unavailable", "The application cannot be reached",
                        "The gateway could not get an answer from the protected application ("
                                + routes.upstreamFor(clientRequest.getRequestURI()) + "). It may be down or restarting.");
        try {
            errors.send(clientRequest, proxyResponse, error);
        } catch (IOException e) {
            _log.debug("could not send the error page", e);
        } finally {
            if (clientRequest.isAsyncStarted()) {
                clientRequest.getAsyncContext().complete();
            }
        }
    }
}
