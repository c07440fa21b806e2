package io.oidcgateway.filter;

import java.util.List;
import java.util.Map;

/**
 * The headers that tell the upstream who the caller is, each with its one value, in the order
 * sent: made by {@link UpstreamIdentity}, added by {@link ForwardedIdentityRequest}.
 */
public record CallerHeaders(List<Map.Entry<String, List<String>>> entries) {
    /** On a path the upstream serves without login: identity is only removed. */
    public static final CallerHeaders NONE = new CallerHeaders(List.of());

    public CallerHeaders {
        entries = List.copyOf(entries);
    }
}
