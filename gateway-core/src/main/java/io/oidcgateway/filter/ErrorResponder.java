package io.oidcgateway.filter;

import io.oidcgateway.logging.LogText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a {@link GatewayError} into a response: an HTML page for a
 * person, JSON for an API client, both with the request id that the log line carries too;
 * and the OAuth error shape for the IdP's back channel.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private final RequestIds requestIds;

    public ErrorResponder(RequestIds requestIds) {
        this.requestIds = requestIds;
    }

    public void send(HttpServletRequest request, HttpServletResponse response, GatewayError error) throws IOException {
        String requestId = requestIds.of(request, response);
        log(error, requestId);
        if (response.isCommitted()) {
            return;
        }
        start(response, error);
        response.setHeader(RequestIds.HEADER, requestId);
        if (RequestClassifier.isBrowserNavigation(request)) {
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write(ErrorPage.html(error, requestId));
        } else {
            response.setContentType("application/json");
            response.getWriter().write(json(error, requestId));
        }
    }

    /** The OAuth shape the IdP's back channel expects: {@code {"error": ..., "error_description": ...}}. */
    public void sendOAuth(HttpServletResponse response, GatewayError error) throws IOException {
        start(response, error);
        response.setContentType("application/json");
        response.getWriter().write(JsonUtil.toJson(Map.of("error", error.code().wireName(),
                "error_description", error.detail())));
    }

    private static void start(HttpServletResponse response, GatewayError error) {
        response.resetBuffer();
        response.setStatus(error.status());
        response.setHeader("Cache-Control", "no-store");
        GatewayResponses.denyFraming(response);
        if (error.status() == 503) {
            // Each 503 the gateway answers passes once its store or the IdP is back.
            response.setHeader("Retry-After", "5");
        }
        if (error.code() == ErrorCode.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"oidc-gateway\"");
        } else if (error.code() == ErrorCode.INVALID_TOKEN) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"oidc-gateway\", error=\"invalid_token\"");
        }
    }

    /** 5xx is the gateway's or the IdP's trouble; a 401 is routine, so it stays out of the log at INFO. */
    private static void log(GatewayError error, String requestId) {
        String hint = error.hint().map(h -> " [" + h.code() + ": " + h.fix() + "]").orElse("");
        // The detail may quote the IdP or the callback's own parameters: one log line, whatever they hold.
        String detail = LogText.clean(error.detail() + hint);
        if (error.status() >= 500) {
            LOG.warn("{} {} {}: {} (request id {})", error.status(), error.code().wireName(), error.title(),
                    detail, requestId);
        } else if (error.status() == 401) {
            LOG.debug("{} {} {}: {} (request id {})", error.status(), error.code().wireName(), error.title(),
                    detail, requestId);
        } else {
            LOG.info("{} {} {}: {} (request id {})", error.status(), error.code().wireName(), error.title(),
                    detail, requestId);
        }
    }

    private static String json(GatewayError error, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code().wireName());
        body.put("message", error.title());
        body.put("detail", error.detail());
        error.hint().ifPresent(h -> {
            body.put("idp_error", h.code());
            body.put("cause", h.cause());
            body.put("fix", h.fix());
        });
        body.put("request_id", requestId);
        return JsonUtil.toJson(body);
    }
}
