package io.oidcgateway.filter;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request as the upstream must see it, for any servlet behind the filter: the client's
 * headers as {@link ForwardingRule} passes them, and the request id and the caller's identity
 * added.
 */
public final class ForwardedIdentityRequest extends HttpServletRequestWrapper {
    private final ForwardingRule rule;
    private final CallerHeaders identity;
    /** The request's id as the upstream gets it, or null when it has none that arrives unchanged. */
    private final String requestId;
    /** Made on first use: a proxy that copies the headers itself never asks for them. */
    private List<String> names;

    /**
     * Wraps without copying: each header is looked up in the client's request when asked for
     * and passed through {@link ForwardingRule#forwardedValue}, the one rule for what the upstream gets.
     *
     * @param identity the caller's headers; {@link CallerHeaders#NONE} on a path the upstream serves
     *        without login, where identity is only removed
     */
    public ForwardedIdentityRequest(HttpServletRequest request, CallerHeaders identity, ForwardingRule rule) {
        super(request);
        this.rule = rule;
        this.identity = identity;
        this.requestId = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id
                ? RequestIds.forUpstream(id).orElse(null) : null;
    }

    /** The rule this request's headers pass: a proxy that reads the client's fields itself applies it to each. */
    public ForwardingRule rule() {
        return rule;
    }

    /** Whether the client's header of that name reaches the upstream: some of its values may not. */
    private boolean passes(String name) {
        if (rule.removed(name)) {
            return false;
        }
        boolean filtered = name.equalsIgnoreCase("cookie") || name.equalsIgnoreCase("connection");
        return !filtered || !values(name).isEmpty();
    }

    /** The request's id as the upstream gets it in {@value RequestIds#HEADER}, when there is one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The caller's headers this request adds, the very object the filter was given: a proxy that
     * writes them itself (encoded once per session) finds them here.
     */
    public CallerHeaders identity() {
        return identity;
    }

    /** The values the upstream gets under that name: the gateway's own, or the client's as the rule passes them. */
    private List<String> values(String name) {
        List<String> own = gatewaysOwn(name);
        if (own != null) {
            return own;
        }
        Enumeration<String> client = super.getHeaders(name);
        List<String> kept = List.of();
        while (client != null && client.hasMoreElements()) {
            String value = rule.forwardedValue(name, client.nextElement());
            if (value != null) {
                kept = kept.isEmpty() ? new ArrayList<>(2) : kept;
                kept.add(value);
            }
        }
        return kept;
    }

    /** The gateway's values under that name (the caller's identity, the request id); null for a name of the client's. */
    private List<String> gatewaysOwn(String name) {
        for (Map.Entry<String, List<String>> header : identity.entries()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return requestId != null && RequestIds.HEADER.equalsIgnoreCase(name) ? List.of(requestId) : null;
    }

    @Override
    public String getHeader(String name) {
        List<String> v = values(name);
        return v.isEmpty() ? null : v.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(values(name));
    }

    /**
     * The client's names that pass, each once whatever its spelling, in the client's order; then
     * the request id and the caller's headers. A request is served on one thread at a time, so
     * the list is made once without a lock.
     */
    @Override
    public Enumeration<String> getHeaderNames() {
        if (names == null) {
            List<String> passed = new ArrayList<>();
            List<String> gatewaysOwn = identity.names();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (!listed(passed, name) && !RequestIds.HEADER.equalsIgnoreCase(name)
                        && !listed(gatewaysOwn, name) && passes(name)) {
                    passed.add(name);
                }
            }
            if (requestId != null) {
                passed.add(RequestIds.HEADER);
            }
            passed.addAll(gatewaysOwn);
            names = passed;
        }
        return Collections.enumeration(names);
    }

    private static boolean listed(List<String> names, String name) {
        for (String listed : names) {
            if (listed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Cookie[] getCookies() {
        Cookie[] cookies = super.getCookies();
        if (cookies == null) {
            return null;
        }
        return Arrays.stream(cookies).filter(c -> !rule.gatewayCookie(c.getName())).toArray(Cookie[]::new);
    }
}
