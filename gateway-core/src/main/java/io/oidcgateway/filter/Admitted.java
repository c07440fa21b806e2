package io.oidcgateway.filter;

/**
 * A signed-in request {@link SignedInRequests} passed on: what the proxy sends the upstream
 * and what the access log and metrics tell about it.
 *
 * @param sessionId the session it was let through for
 * @param subject the caller's {@code sub}
 * @param identity the caller's upstream headers, the very object the filter would add
 * @param rule which of the client's headers the upstream gets
 */
public record Admitted(String sessionId, String subject, CallerHeaders identity, ForwardingRule rule) {
}
