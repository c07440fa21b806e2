package io.oidcgateway.server;

import io.oidcgateway.filter.OidcGatewayFilter;
import io.oidcgateway.filter.RequestIds;
import io.oidcgateway.logging.LogText;
import io.oidcgateway.proxy.UpstreamExchange;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, written when it completes, to the {@value #LOGGER} logger (which the
 * log set-up sends to standard output or a file). The path is logged without its query string:
 * a query may carry an authorization code or a token.
 */
public final class AccessLog implements RequestLog {
    public static final String LOGGER = "io.oidcgateway.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void log(Request request, Response response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Entry entry = entry(request, response);
        LOG.atInfo().addKeyValue("time", entry.time).addKeyValue("client", entry.client)
                .addKeyValue("method", entry.method).addKeyValue("path", entry.path)
                .addKeyValue("status", entry.status).addKeyValue("bytes", entry.bytes)
                .addKeyValue("duration_ms", entry.durationMs).addKeyValue("user", entry.user)
                .addKeyValue("route", entry.route).addKeyValue("upstream_ms", entry.upstreamMs)
                .addKeyValue("request_id", entry.requestId).log(entry.line());
    }

    /** What is logged of one request; {@code -} where a field does not apply (no session, not proxied). */
    record Entry(String time, String client, String method, String path, int status, long bytes, long durationMs,
            String user, String route, String upstreamMs, String requestId) {
        String line() {
            return time + ' ' + client + ' ' + method + ' ' + path + ' ' + status + ' ' + bytes + ' ' + durationMs
                    + "ms user=" + user + " route=" + route + " upstream=" + upstreamMs
                    + ("-".equals(upstreamMs) ? "" : "ms") + " id=" + requestId;
        }
    }

    static Entry entry(Request request, Response response) {
        Object exchange = request.getAttribute(UpstreamExchange.ATTRIBUTE);
        UpstreamExchange upstream = exchange instanceof UpstreamExchange e ? e : null;
        return new Entry(Instant.ofEpochMilli(Request.getTimeStamp(request)).toString(),
                Request.getRemoteAddr(request), LogText.clean(request.getMethod()),
                LogText.clean(request.getHttpURI().getPath()), response.getStatus(),
                Response.getContentBytesWritten(response),
                TimeUnit.NANOSECONDS.toMillis(NanoTime.since(request.getBeginNanoTime())),
                text(request.getAttribute(OidcGatewayFilter.USER_ATTRIBUTE)),
                upstream == null ? "-" : upstream.route(),
                upstream == null ? "-" : upstream.took().map(d -> String.valueOf(d.toMillis())).orElse("-"),
                text(request.getAttribute(RequestIds.ATTRIBUTE)));
    }

    /** A {@code sub} may hold spaces or line breaks: quoted as needed and cleaned, one field per token. */
    private static String text(Object value) {
        if (value == null) {
            return "-";
        }
        String s = LogText.clean(value.toString());
        return s.isEmpty() || s.indexOf(' ') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\\\"") + '"' : s;
    }
}
