package io.oidcgateway.filter;

import io.oidcgateway.logging.LogText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        ErrorAnswer answer = answer(error, requestId, RequestClassifier.isBrowserNavigation(request));
        if (response.isCommitted()) {
            return;
        }
        start(response, answer.status(), answer.headers());
        response.setContentType(answer.contentType());
        response.getWriter().write(answer.body());
    }

    /**
     * The answer for an error, logged, apart from how it is written: for a server that has no
     * servlet API (the proxy's failure on a request that never reached the filter).
     *
     * @param browser a person's browser navigation gets a page, anything else JSON
     */
    public ErrorAnswer answer(GatewayError error, String requestId, boolean browser) {
        log(error, requestId);
        List<Map.Entry<String, String>> headers = new ArrayList<>(headers(error));
        headers.add(Map.entry(RequestIds.HEADER, requestId));
        return browser
                ? new ErrorAnswer(error.status(), headers, "text/html;charset=utf-8", ErrorPage.html(error, requestId))
                : new ErrorAnswer(error.status(), headers, "application/json", json(error, requestId));
    }

    /** The OAuth shape the IdP's back channel expects: {@code {"error": ..., "error_description": ...}}. */
    public void sendOAuth(HttpServletResponse response, GatewayError error) throws IOException {
        start(response, error.status(), headers(error));
        response.setContentType("application/json");
        response.getWriter().write(JsonUtil.toJson(Map.of("error", error.code().wireName(),
                "error_description", error.detail())));
    }

    private static void start(HttpServletResponse response, int status, List<Map.Entry<String, String>> headers) {
        response.resetBuffer();
        response.setStatus(status);
        headers.forEach(header -> response.setHeader(header.getKey(), header.getValue()));
    }

    private static List<Map.Entry<String, String>> headers(GatewayError error) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(6);
        headers.add(Map.entry("Cache-Control", "no-store"));
        headers.addAll(GatewayResponses.DENY_FRAMING);
        if (error.status() == 503) {
            // Each 503 the gateway answers passes once its store or the IdP is back.
            headers.add(Map.entry("Retry-After", "5"));
        }
        if (error.code() == ErrorCode.UNAUTHORIZED) {
            headers.add(Map.entry("WWW-Authenticate", "Bearer realm=\"oidc-gateway\""));
        } else if (error.code() == ErrorCode.INVALID_TOKEN) {
            headers.add(Map.entry("WWW-Authenticate", "Bearer realm=\"oidc-gateway\", error=\"invalid_token\""));
        }
        return headers;
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
