package io.oidcgateway.demo;

import io.oidcgateway.clientauth.ClientKeySource;
import io.oidcgateway.config.ConfigException;
import io.oidcgateway.config.ConfigKeys;
import io.oidcgateway.config.ConfigProblem;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.server.GatewayServer;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the embedded demo IdP and demo upstream that {@code demo.identity-provider} and
 * {@code demo.upstream} ask for, at the addresses {@code oidc.issuer} and {@code upstream.url}
 * name, and registers the gateway (client id, redirect URI, certificate) at the demo IdP.
 */
public final class DemoLauncher {
    private final GatewayConfig config;
    private final Clock clock;
    private DemoIdentityProvider identityProvider;
    private DemoUpstream upstream;

    public DemoLauncher(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void startBeforeGateway() throws Exception {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.demo().identityProvider()) {
            requireLocalRoot(ConfigKeys.OIDC_ISSUER, config.oidc().issuer(), problems);
        }
        if (config.demo().upstream()) {
            requireLocalRoot(ConfigKeys.UPSTREAM_URL, config.upstream().url(), problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (config.demo().identityProvider()) {
            URI issuer = config.oidc().issuer();
            identityProvider = new DemoIdentityProvider(issuer.getHost(), issuer.getPort(), clock, DemoIdpSettings.DEFAULTS);
            listen(ConfigKeys.OIDC_ISSUER, issuer, identityProvider::start);
        }
        if (config.demo().upstream()) {
            URI url = config.upstream().url();
            upstream = new DemoUpstream(url.getHost(), url.getPort());
            listen(ConfigKeys.UPSTREAM_URL, url, upstream::start);
        }
    }

    public void registerGateway(GatewayServer gateway) {
        register(gateway.gateway().config().server().redirectUri(), gateway.gateway().clientKeys());
    }

    /**
     * Registers the configured client, its certificate and this redirect URI at the demo IdP, if it runs.
     *
     * @param keys the gateway's key source; its certificate is the one registered
     */
    public void register(URI redirectUri, Optional<ClientKeySource> keys) {
        if (identityProvider == null) {
            return;
        }
        identityProvider.register(new RegisteredClient(
                config.oidc().clientId(),
                List.of(redirectUri),
                keys.map(k -> List.of(k.current().certificate())).orElse(List.of()),
                config.oidc().clientSecret().map(s -> s.reveal()),
                Optional.of(URI.create(redirectUri.resolve("/oauth2/backchannel_logout").toString()))));
    }

    public void stop() throws Exception {
        if (identityProvider != null) {
            identityProvider.stop();
        }
        if (upstream != null) {
            upstream.stop();
        }
    }

    private interface Start {
        void run() throws Exception;
    }

    /** A port already in use is a configuration problem of the key that named it. */
    private static void listen(String key, URI url, Start start) throws Exception {
        try {
            start.run();
        } catch (java.io.IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(key, url.toString(), "cannot listen on port "
                    + url.getPort() + " (" + e.getMessage() + "); stop what uses it or choose another port")));
        }
    }

    private static void requireLocalRoot(String key, URI url, List<ConfigProblem> problems) {
        boolean local = "localhost".equals(url.getHost()) || "127.0.0.1".equals(url.getHost());
        boolean root = url.getRawPath() == null || url.getRawPath().isEmpty();
        if (!"http".equals(url.getScheme()) || !local || !root || url.getPort() <= 0) {
            problems.add(new ConfigProblem(key, url.toString(), "the embedded demo runs at http://localhost:PORT"
                    + " (no path); use such a URL or turn the demo.* keys off"));
        }
    }
}
