package io.oidcgateway.filter;

import io.oidcgateway.session.RandomTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;

/**
 * One id per request, the same in the client's response, the upstream's request, the error page
 * and every log line written while the request is served. A client's (or a load balancer's)
 * {@code X-Request-Id} is kept when it is plainly an id, so one request can be followed across
 * systems; anything else is replaced, as it would end up in log lines and headers.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** Where the id is kept for the rest of the request (the proxy, the access log). In-process only. */
    public static final String ATTRIBUTE = "io.oidcgateway.request-id";
    /** The SLF4J MDC key every log line written while serving the request carries. */
    public static final String MDC_KEY = "request_id";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final int GENERATED_LENGTH = 20;

    private final RandomTokens random;

    public RequestIds(RandomTokens random) {
        this.random = random;
    }

    /** The request's id, chosen on first call and answered to the client in {@value #HEADER}. */
    public String of(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known;
        }
        String offered = request.getHeader(HEADER);
        String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered
                : random.next().substring(0, GENERATED_LENGTH);
        request.setAttribute(ATTRIBUTE, id);
        if (!response.isCommitted()) {
            response.setHeader(HEADER, id);
        }
        return id;
    }
}
