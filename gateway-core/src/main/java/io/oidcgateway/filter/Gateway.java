package io.oidcgateway.filter;

import io.oidcgateway.clientauth.ClientKeySource;
import io.oidcgateway.clientauth.ClientKeyWatcher;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.session.PendingLoginRepository;
import io.oidcgateway.session.SessionLiveness;
import io.oidcgateway.session.SessionRepository;
import io.oidcgateway.session.SessionStore;
import java.util.Optional;

/**
 * The assembled gateway, as {@link GatewayBuilder} made it: the filter, and the parts that the
 * server around it (error pages, metrics), the command line and tests talk to. The filter's
 * handlers were given what each uses; nothing reaches back through this.
 *
 * @param config the configuration it was built from
 * @param signedIn the filter's decision for signed-in requests, for a server that proxies them without a servlet
 * @param sessionStore where sessions and pending logins live; closed with the gateway
 * @param clientKeys the key source for {@code private_key_jwt}; empty with a client secret
 * @param keyWatcher takes up replaced key files and reports the certificate's expiry while the gateway runs
 * @param liveness whether a session still lives, for what outlives a request (WebSockets)
 * @param requestIds the filter's request ids
 */
public record Gateway(GatewayConfig config, OidcGatewayFilter filter, SignedInRequests signedIn, ErrorResponder errors,
        GatewayMetrics metrics, SessionStore sessionStore, IdentityProviderClient identityProvider,
        Optional<ClientKeySource> clientKeys, Optional<ClientKeyWatcher> keyWatcher, SessionLiveness liveness,
        RequestIds requestIds)
        implements AutoCloseable {

    public SessionRepository sessions() {
        return sessionStore.sessions();
    }

    public PendingLoginRepository pendingLogins() {
        return sessionStore.pendingLogins();
    }

    /** Releases the session store's connections and the metrics' JVM listeners. */
    @Override
    public void close() {
        keyWatcher.ifPresent(ClientKeyWatcher::close);
        try {
            sessionStore.close();
        } finally {
            metrics.close();
        }
    }
}
