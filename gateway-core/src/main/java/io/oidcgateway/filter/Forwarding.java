package io.oidcgateway.filter;

import io.oidcgateway.config.Cidr;
import java.util.List;
import java.util.Set;

/**
 * Which of the client's headers the upstream gets, by who sent them: the gateway's cookies never,
 * forwarding headers only from a trusted proxy. The two rules are made once; a request only picks one.
 */
final class Forwarding {
    private final List<Cidr> trustedProxies;
    private final ForwardingRule fromTrustedProxy;
    private final ForwardingRule fromAnyoneElse;

    /** @param trustedProxies whose forwarding headers are kept ({@code server.trusted-proxies}) */
    Forwarding(Set<String> gatewayCookies, List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
        this.fromTrustedProxy = new ForwardingRule(gatewayCookies, true);
        this.fromAnyoneElse = new ForwardingRule(gatewayCookies, false);
    }

    /** @param peer the connection's remote address, a literal */
    ForwardingRule ruleFor(String peer) {
        return trusted(peer) ? fromTrustedProxy : fromAnyoneElse;
    }

    private boolean trusted(String peer) {
        if (trustedProxies.isEmpty()) {
            return false;
        }
        return Cidr.literal(peer).filter(address -> trustedProxies.stream().anyMatch(c -> c.contains(address)))
                .isPresent();
    }
}
