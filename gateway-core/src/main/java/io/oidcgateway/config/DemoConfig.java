package io.oidcgateway.config;

/** Which embedded demo parts to start in-process, so the gateway runs on a fresh machine. */
public record DemoConfig(boolean identityProvider, boolean upstream) {
}
