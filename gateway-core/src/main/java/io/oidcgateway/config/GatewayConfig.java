package io.oidcgateway.config;

/** The whole, validated configuration; built once at start-up by {@link ConfigLoader}. */
public record GatewayConfig(
        ServerConfig server, UpstreamConfig upstream, OidcConfig oidc, SessionConfig session, AccessConfig access,
        DemoConfig demo, LogConfig log) {

    public GatewayConfig withServer(ServerConfig newServer) {
        return new GatewayConfig(newServer, upstream, oidc, session, access, demo, log);
    }
}
