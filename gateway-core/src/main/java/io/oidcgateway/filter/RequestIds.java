package io.oidcgateway.filter;

import io.oidcgateway.http.HeaderValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
    /** 15 random bytes: 20 base64url characters, 120 bits, so ids do not repeat in any log's lifetime. */
    private static final int GENERATED_BYTES = 15;

    private final Supplier<Random> random;

    /**
     * @param random where fresh ids come from: a request id names a request in logs and pages and
     *        guards nothing, so it is drawn from a fast generator, not the session ids' SecureRandom
     */
    public RequestIds(Supplier<Random> random) {
        this.random = random;
    }

    /** Ids from {@link ThreadLocalRandom}: no lock shared by the request threads. */
    public static RequestIds fast() {
        return new RequestIds(ThreadLocalRandom::current);
    }

    /** The request's id, chosen on first call and answered to the client in {@value #HEADER}. */
    public String of(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known;
        }
        String id = choose(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        if (!response.isCommitted()) {
            response.setHeader(HEADER, id);
        }
        return id;
    }

    /** @param offered the client's {@value #HEADER}, or null: kept when it is plainly an id, else a fresh id */
    public String choose(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : fresh();
    }

    /** The id as the upstream gets it in {@value #HEADER}: only when it arrives unchanged (see {@link HeaderValues}). */
    public static Optional<String> forUpstream(String id) {
        return HeaderValues.exact(id);
    }

    private String fresh() {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.get().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
