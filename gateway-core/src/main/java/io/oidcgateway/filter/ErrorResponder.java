package io.oidcgateway.filter;

import io.oidcgateway.session.RandomTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import io.oidcgateway.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a {@link GatewayError} into a response: an HTML page for a
 * person, JSON for an API client, both with a correlation id that the log line carries too.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private final RandomTokens random;

    public ErrorResponder(RandomTokens random) {
        this.random = random;
    }

    public void send(HttpServletRequest request, HttpServletResponse response, GatewayError error) throws IOException {
        String correlationId = random.next().substring(0, 12);
        String hint = error.hint().map(h -> " [" + h.code() + ": " + h.fix() + "]").orElse("");
        // The detail may quote the IdP or the callback's own parameters: one log line, whatever they hold.
        String detail = LogText.clean(error.detail() + hint);
        if (error.status() >= 500) {
            LOG.warn("{} {} {}: {} (correlation id {})", error.status(), error.code(), error.title(), detail,
                    correlationId);
        } else {
            LOG.info("{} {} {}: {} (correlation id {})", error.status(), error.code(), error.title(), detail,
                    correlationId);
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(error.status());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Correlation-Id", correlationId);
        GatewayResponses.denyFraming(response);
        if (RequestClassifier.isBrowserNavigation(request)) {
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write(page(error, correlationId));
        } else {
            response.setContentType("application/json");
            response.getWriter().write(json(error, correlationId));
        }
    }

    private static String json(GatewayError error, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.title());
        body.put("detail", error.detail());
        error.hint().ifPresent(h -> {
            body.put("idp_error", h.code());
            body.put("cause", h.cause());
            body.put("fix", h.fix());
        });
        body.put("correlation_id", correlationId);
        return JsonUtil.toJson(body);
    }

    private static String page(GatewayError error, String correlationId) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(error.title())).append(" - oidc-gateway</title>")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;")
                .append("color:#222}h1{font-size:1.4rem}.hint{background:#f4f6fa;border-left:4px solid #3a6ea5;")
                .append("padding:.6rem 1rem}small{color:#666}</style></head><body>")
                .append("<p><small>oidc-gateway</small></p><h1>").append(Html.escape(error.title())).append("</h1>")
                .append("<p class=\"detail\">").append(Html.escape(error.detail())).append("</p>");
        error.hint().ifPresent(h -> sb.append("<div class=\"hint\"><p><strong>").append(Html.escape(h.code()))
                .append("</strong>: ").append(Html.escape(h.cause())).append("</p><p>How to fix: ")
                .append(Html.escape(h.fix())).append("</p></div>"));
        sb.append("<p><a href=\"/\">Back to the start page</a></p>")
                .append("<p><small>Correlation id: <code>").append(correlationId)
                .append("</code> (quote it to your administrator; it is in the gateway's log)</small></p>")
                .append("</body></html>");
        return sb.toString();
    }
}
