package io.oidcgateway.filter;

import io.oidcgateway.clientauth.ClientAuthentication;
import io.oidcgateway.clientauth.ClientAuthentications;
import io.oidcgateway.clientauth.ClientKeyLoader;
import io.oidcgateway.clientauth.ClientKeySource;
import io.oidcgateway.config.ConfigException;
import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.metrics.PrometheusGatewayMetrics;
import io.oidcgateway.clientauth.ClientKeyWatcher;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.oidc.IdpErrorCatalogue;
import io.oidcgateway.oidc.OidcHttp;
import io.oidcgateway.oidc.OidcIdentityProviderClient;
import io.oidcgateway.session.PendingLoginRepository;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.SessionLiveness;
import io.oidcgateway.session.SessionRefresher;
import io.oidcgateway.session.SessionRepository;
import io.oidcgateway.session.SessionStarter;
import io.oidcgateway.session.SessionStore;
import io.oidcgateway.session.SessionStores;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place where the gateway is put together: turns a {@link GatewayConfig} into its
 * immutable parts, once, and hands each handler what it uses. The server, the filter declared
 * in {@code web.xml}, the command line and tests all build through here. Each part has a
 * default (the store {@code session.store} names, counters, the IdP over HTTP) that a caller may
 * replace.
 */
public final class GatewayBuilder {
    /** The IdP call's timeout and a margin: after it, another instance's refresh has failed or died. */
    static final Duration REFRESH_MAX_WAIT = OidcHttp.DEFAULT_TIMEOUT.plusSeconds(5);

    private final GatewayConfig config;
    private Clock clock = Clock.systemUTC();
    private ClientKeyLoader keyLoader;
    private GatewayMetrics metrics;
    private SessionStore sessionStore;
    private IdentityProviderClient identityProvider;

    private GatewayBuilder(GatewayConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static GatewayBuilder forConfig(GatewayConfig config) {
        return new GatewayBuilder(config);
    }

    /**
     * Reads a configuration file and its key material and builds the gateway, reporting every
     * configuration and key problem at once.
     */
    public static Gateway fromFile(Path file, Map<String, String> env, Clock clock) throws ConfigException {
        ClientKeyLoader keys = new ClientKeyLoader(clock);
        GatewayConfig config = new ConfigLoader(env).checkedBy(keys).load(file);
        return forConfig(config).clock(clock).keyLoader(keys).build();
    }

    public GatewayBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** The loader that already checked the key material while the configuration was read. */
    public GatewayBuilder keyLoader(ClientKeyLoader value) {
        this.keyLoader = Objects.requireNonNull(value, "keyLoader");
        return this;
    }

    public GatewayBuilder metrics(GatewayMetrics value) {
        this.metrics = Objects.requireNonNull(value, "metrics");
        return this;
    }

    /** Instead of the store {@code session.store} names; the gateway closes it when it stops. */
    public GatewayBuilder sessionStore(SessionStore value) {
        this.sessionStore = Objects.requireNonNull(value, "sessionStore");
        return this;
    }

    public GatewayBuilder identityProvider(IdentityProviderClient value) {
        this.identityProvider = Objects.requireNonNull(value, "identityProvider");
        return this;
    }

    /** @throws ConfigException when the key material cannot be loaded or does not fit the configuration */
    public Gateway build() throws ConfigException {
        RandomTokens random = new RandomTokens(new SecureRandom());
        GatewayMetrics m = metrics != null ? metrics : new PrometheusGatewayMetrics();
        Optional<ClientKeySource> keys = (keyLoader != null ? keyLoader : new ClientKeyLoader(clock)).load(config.oidc());
        IdpErrorCatalogue catalogue = new IdpErrorCatalogue();
        IdentityProviderClient idp = identityProvider != null ? identityProvider : idpOverHttp(keys, catalogue, m);
        SessionStore store = sessionStore != null ? sessionStore : SessionStores.open(config.session(), clock);
        m.gauges(store.sessions()::count, store.pendingLogins()::count);
        RequestIds requestIds = RequestIds.fast();
        ErrorResponder errors = new ErrorResponder(requestIds);
        SessionRefresher refresher = new SessionRefresher(store.sessions(), idp, store.refreshLock(), m,
                config.session().refreshBefore(), REFRESH_MAX_WAIT, clock);
        Rules rules = rules();
        OidcGatewayFilter filter = new OidcGatewayFilter(handlers(rules, idp, store, refresher, random, requestIds,
                errors, catalogue, m));
        SignedInRequests signedIn = new SignedInRequests(config.access().skipPaths(), rules.forwarding(),
                rules.identity(), rules.cookies(), store.sessions(), refresher, rules.access());
        Optional<ClientKeyWatcher> keyWatcher = keys.map(k -> new ClientKeyWatcher(k, m, clock));
        return new Gateway(config, filter, signedIn, errors, m, store, idp, keys, keyWatcher,
                new SessionLiveness(store.sessions(), refresher), requestIds);
    }

    /**
     * What decides who gets through and what the upstream gets, one object of each: the filter
     * and {@link SignedInRequests} decide by the same ones.
     */
    private record Rules(GatewayCookies cookies, AccessPolicy access, Forwarding forwarding, UpstreamIdentity identity) {
    }

    private Rules rules() {
        GatewayCookies cookies = new GatewayCookies(config.session(), config.server());
        return new Rules(cookies, new AccessPolicy(config.access()), new Forwarding(cookies.names(),
                config.server().trustedProxies()), new UpstreamIdentity(config.upstream().headers()));
    }

    private IdentityProviderClient idpOverHttp(Optional<ClientKeySource> keys, IdpErrorCatalogue catalogue,
            GatewayMetrics m) {
        ClientAuthentication authentication = ClientAuthentications.from(config.oidc(), keys, clock);
        return new OidcIdentityProviderClient(config.oidc().issuer(), config.oidc().clientId(), config.access(),
                new OidcHttp(OidcHttp.DEFAULT_TIMEOUT), authentication, catalogue, m, clock);
    }

    /** Each handler gets exactly what it uses; the order follows a request's path through the gateway. */
    private OidcGatewayFilter.Handlers handlers(Rules rules, IdentityProviderClient idp, SessionStore store,
            SessionRefresher refresher, RandomTokens random, RequestIds requestIds, ErrorResponder errors,
            IdpErrorCatalogue catalogue,
            GatewayMetrics m) {
        SessionRepository s = store.sessions();
        PendingLoginRepository p = store.pendingLogins();
        GatewayCookies cookies = rules.cookies();
        AccessPolicy access = rules.access();
        CurrentSession current = new CurrentSession(cookies, s, refresher);
        LoginFlow login = new LoginFlow(config.oidc(), config.server().redirectUri(), config.session().loginTimeout(),
                idp, p, cookies, random, errors, m);
        CallbackHandler callback = new CallbackHandler(new CallbackHandler.Site(config.server().publicUrl(),
                config.server().redirectUri(), config.session().loginTimeout()), p, idp,
                new SessionStarter(s, random, config.session().ttl(), clock), s, cookies, access, errors, catalogue, m);
        PreservedPost preserver = new PreservedPost(config.server().publicUrl());
        Optional<PreservedPost> preservedPost = config.session().preservePost() ? Optional.of(preserver)
                : Optional.empty();
        ProtectedRequests protectedRequests = new ProtectedRequests(config.access().skipPaths(), rules.forwarding(),
                rules.identity(), current, idp, access, login, preservedPost, errors, m);
        return new OidcGatewayFilter.Handlers(login, callback,
                new SignOutEndpoint(config.oidc(), config.server().publicUrl(), current, s, cookies, idp),
                new UserinfoEndpoint(current, errors), new ForwardAuthEndpoint(current, access, errors, m),
                new BackchannelLogoutEndpoint(idp, s, errors, m), new HealthEndpoints(idp, store, m), protectedRequests,
                preserver,
                errors, requestIds);
    }
}
