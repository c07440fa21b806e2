package io.oidcgateway.filter;

import io.oidcgateway.config.Cidr;
import java.util.List;
import java.util.Set;

/**
 * Which of the client's headers the upstream gets, by who sent them: the gateway's cookies never,
 * forwarding headers only from a trusted proxy.
 *
 * @param trustedProxies whose forwarding headers are kept ({@code server.trusted-proxies})
 */
record Forwarding(Set<String> gatewayCookies, List<Cidr> trustedProxies) {
    /** The rule for a request from that peer. */
    ForwardingRule ruleFor(String peer) {
        return new ForwardingRule(gatewayCookies, trusted(peer));
    }

    /** @param peer the connection's remote address, a literal */
    boolean trusted(String peer) {
        if (trustedProxies.isEmpty()) {
            return false;
        }
        return Cidr.literal(peer).filter(address -> trustedProxies.stream().anyMatch(c -> c.contains(address)))
                .isPresent();
    }
}
