package io.oidcgateway.filter;

import java.util.List;
import java.util.Map;

/**
 * The headers that say who the caller is, each with its one value, in the order sent: to the
 * upstream ({@link UpstreamIdentity}, added by {@link ForwardedIdentityRequest}), or to the proxy
 * that asked {@link ForwardAuthEndpoint}.
 *
 * @param perSession made once for a session in use, so this very object comes with each of its
 *        requests and what is made from it can be kept with it; false for an API client's, made
 *        per request
 */
public record CallerHeaders(List<Map.Entry<String, List<String>>> entries, boolean perSession) {
    /**
     * Sessions in use at once whose headers are kept made ({@link PerSession}), and kept encoded by
     * the proxy; each about 2 KB as strings. The rest are made again.
     */
    public static final int SESSIONS_KEPT = 10_000;

    /** On a path the upstream serves without login: identity is only removed. */
    public static final CallerHeaders NONE = new CallerHeaders(List.of());

    public CallerHeaders {
        entries = List.copyOf(entries);
    }

    /** The header names, in order. */
    public List<String> names() {
        return entries.stream().map(Map.Entry::getKey).toList();
    }

    /** Headers made for one request. */
    public CallerHeaders(List<Map.Entry<String, List<String>>> entries) {
        this(entries, false);
    }
}
