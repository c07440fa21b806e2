package io.oidcgateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How client assertions are built.
 *
 * @param audience the {@code aud} claim; empty means the token endpoint, which is what Entra ID wants
 */
public record AssertionConfig(
        AssertionAlgorithm algorithm, Set<AssertionHeader> headers, Optional<URI> audience, Duration lifetime) {

    public static final AssertionAlgorithm DEFAULT_ALGORITHM = AssertionAlgorithm.RS256;
    public static final Set<AssertionHeader> DEFAULT_HEADERS = Set.of(AssertionHeader.X5T, AssertionHeader.X5T_S256);
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    public AssertionConfig {
        headers = Set.copyOf(headers);
    }
}
