package io.oidcgateway.demo;

import java.time.Duration;

/** Token lifetimes of the demo IdP; tests shorten them to exercise refresh. */
public record DemoIdpSettings(Duration accessTokenLifetime, Duration idTokenLifetime, Duration refreshTokenLifetime) {
    public static final DemoIdpSettings DEFAULTS =
            new DemoIdpSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24));
}
