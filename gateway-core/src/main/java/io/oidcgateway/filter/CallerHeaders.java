package io.oidcgateway.filter;

import java.util.List;
import java.util.Map;

/**
 * The headers that say who the caller is, each with its one value, in the order sent: to the
 * upstream ({@link UpstreamIdentity}, added by {@link ForwardedIdentityRequest}), or to the proxy
 * that asked {@link ForwardAuthEndpoint}.
 */
public record CallerHeaders(List<Map.Entry<String, List<String>>> entries) {
    /** On a path the upstream serves without login: identity is only removed. */
    public static final CallerHeaders NONE = new CallerHeaders(List.of());

    public CallerHeaders {
        entries = List.copyOf(entries);
    }
}
