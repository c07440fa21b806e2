package io.oidcgateway.demo;

import java.time.Duration;

/**
 * How the demo IdP behaves where tests need to choose: token lifetimes (shortened to exercise
 * refresh), a slow token endpoint (to overlap requests), and rules stricter than Entra ID's.
 *
 * @param tokenEndpointDelay how long the token endpoint takes to answer, so tests can overlap requests
 * @param rejectReusedJti apply RFC 7523's replay rule (a {@code jti} is accepted once). Entra ID
 *        does not: MSAL reuses one assertion for up to 10 minutes, so the default is off
 */
public record DemoIdpSettings(Duration accessTokenLifetime, Duration idTokenLifetime, Duration refreshTokenLifetime,
        Duration tokenEndpointDelay, boolean rejectReusedJti) {
    public static final DemoIdpSettings DEFAULTS =
            new DemoIdpSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ZERO, false);

    /** Lifetimes and delay as given, Entra's rules otherwise. */
    public DemoIdpSettings(Duration accessTokenLifetime, Duration idTokenLifetime, Duration refreshTokenLifetime,
            Duration tokenEndpointDelay) {
        this(accessTokenLifetime, idTokenLifetime, refreshTokenLifetime, tokenEndpointDelay, false);
    }

    /** The same, with RFC 7523's replay rule on: a second assertion with the same jti gets AADSTS50027. */
    public DemoIdpSettings withReplayCheck() {
        return new DemoIdpSettings(accessTokenLifetime, idTokenLifetime, refreshTokenLifetime, tokenEndpointDelay, true);
    }
}
