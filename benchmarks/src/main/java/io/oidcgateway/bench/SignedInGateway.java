package io.oidcgateway.bench;

import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.filter.Gateway;
import io.oidcgateway.filter.GatewayBuilder;
import io.oidcgateway.session.Session;
import io.oidcgateway.testing.FakeIdentityProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * A gateway for the request-path benchmarks, with as many Entra-sized sessions in its memory
 * store as asked for, one of them the benchmark's caller.
 *
 * @param sessionId the caller's session id, as its cookie carries it
 */
public record SignedInGateway(Gateway gateway, String sessionId) implements AutoCloseable {
    public static SignedInGateway withSessions(int sessions) throws Exception {
        GatewayConfig config = new ConfigLoader(Map.of()).load(Map.of("upstream.url", "http://app.test",
                "server.public-url", "https://gw.test", "oidc.issuer", "https://idp.test", "oidc.client-id", "gw",
                "oidc.client-auth", "client_secret_basic", "oidc.client-secret", "s",
                "session.max-entries", String.valueOf(sessions + 1)), Path.of("."));
        Gateway gateway = GatewayBuilder.forConfig(config).identityProvider(new FakeIdentityProvider()).build();
        EntraSizedTokens tokens = new EntraSizedTokens();
        Instant now = Clock.systemUTC().instant();
        for (int i = 1; i < sessions; i++) {
            gateway.sessions().save(tokens.session(i, now));
        }
        Session session = tokens.session(0, now);
        gateway.sessions().save(session);
        return new SignedInGateway(gateway, session.id());
    }

    @Override
    public void close() {
        gateway.close();
    }
}
