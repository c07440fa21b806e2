package io.oidcgateway.filter;

import io.oidcgateway.config.Cidr;
import io.oidcgateway.config.IdentityHeaders;
import java.util.List;
import java.util.Set;

/**
 * How the upstream's request is made from the client's: which identity headers are added, which
 * cookies are the gateway's, and whose forwarding headers are kept.
 *
 * @param trustedProxies whose forwarding headers are kept ({@code server.trusted-proxies})
 */
record Forwarding(IdentityHeaders headers, Set<String> gatewayCookies, List<Cidr> trustedProxies) {
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
