package io.oidcgateway.filter;

import io.oidcgateway.clientauth.ClientAuthentications;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.oidc.IdpErrorCatalogue;
import io.oidcgateway.oidc.OidcHttp;
import io.oidcgateway.oidc.OidcProvider;
import io.oidcgateway.oidc.TokenClient;
import io.oidcgateway.session.PendingLoginStore;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.SessionRefresher;
import io.oidcgateway.session.SessionStore;
import io.oidcgateway.oidc.DiscoveryException;
import java.net.URI;
import java.util.Optional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** The gateway's parts, wired once from a configuration and shared by the filter's handlers. */
public final class Gateway {
    /** How long a call to the IdP may take before the login fails with a clear error. */
    public static final Duration IDP_TIMEOUT = Duration.ofSeconds(15);

    private final GatewayConfig config;
    private final Clock clock;
    private final RandomTokens random;
    private final OidcProvider provider;
    private final TokenClient tokens;
    private final SessionStore sessions;
    private final PendingLoginStore pendingLogins;
    private final SessionRefresher refresher;
    private final AccessPolicy access;
    private final GatewayCookies cookies;
    private final ErrorResponder errors;
    private final IdpErrorCatalogue catalogue;
    private final Metrics metrics;

    public Gateway(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.random = new RandomTokens(new SecureRandom());
        OidcHttp http = new OidcHttp(IDP_TIMEOUT);
        this.provider = new OidcProvider(config.oidc().issuer(), config.oidc().clientId(), config.access(), http, clock);
        this.tokens = new TokenClient(http, ClientAuthentications.from(config.oidc(), clock));
        this.sessions = new SessionStore(config.session(), clock, random);
        this.pendingLogins = new PendingLoginStore(config.session(), clock);
        this.refresher = new SessionRefresher(sessions, tokens, this::tokenEndpoint, config.session().refreshBefore(),
                clock);
        this.access = new AccessPolicy(config.access());
        this.cookies = new GatewayCookies(config.session(), config.server());
        this.errors = new ErrorResponder(random);
        this.catalogue = new IdpErrorCatalogue();
        this.metrics = new Metrics(sessions::size, pendingLogins::size, refresher::refreshes, refresher::failures);
    }

    public GatewayConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public RandomTokens random() {
        return random;
    }

    public OidcProvider provider() {
        return provider;
    }

    public TokenClient tokens() {
        return tokens;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public PendingLoginStore pendingLogins() {
        return pendingLogins;
    }

    public SessionRefresher refresher() {
        return refresher;
    }

    public AccessPolicy access() {
        return access;
    }

    private Optional<URI> tokenEndpoint() {
        try {
            return Optional.of(provider.get().metadata().tokenEndpoint());
        } catch (DiscoveryException e) {
            return Optional.empty();
        }
    }

    public GatewayCookies cookies() {
        return cookies;
    }

    public ErrorResponder errors() {
        return errors;
    }

    public IdpErrorCatalogue catalogue() {
        return catalogue;
    }

    public Metrics metrics() {
        return metrics;
    }
}
