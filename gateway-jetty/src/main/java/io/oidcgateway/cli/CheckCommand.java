package io.oidcgateway.cli;

import io.oidcgateway.clientauth.ClientAuthentications;
import io.oidcgateway.clientauth.ClientKeyLoader;
import io.oidcgateway.clientauth.ClientKeySource;
import io.oidcgateway.config.ConfigException;
import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.ConfigProblem;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.demo.DemoLauncher;
import io.oidcgateway.diagnostics.CertificateFacts;
import io.oidcgateway.diagnostics.ClientAuthenticationProbe;
import io.oidcgateway.oidc.DiscoveryClient;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdpErrorCatalogue;
import io.oidcgateway.oidc.OidcHttp;
import io.oidcgateway.oidc.ProviderMetadata;
import io.oidcgateway.oidc.RefreshingJwksKeyResolver;
import io.oidcgateway.oidc.TokenClient;
import io.oidcgateway.session.SessionStore;
import io.oidcgateway.session.SessionStores;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check}: every check a support engineer would run, ending with a live probe that
 * proves the IdP accepts the gateway's client authentication.
 */
final class CheckCommand {
    private final PrintStream out;
    private final Map<String, String> env;
    private final Clock clock;

    CheckCommand(PrintStream out, Map<String, String> env, Clock clock) {
        this.out = out;
        this.env = env;
        this.clock = clock;
    }

    int run(List<String> args) throws UsageException {
        Path file = Path.of(Options.parse(args, List.of("--config")).get("--config").orElse(Main.DEFAULT_CONFIG));
        out.println("oidc-gateway check of " + file);
        Checklist checks = new Checklist(out);
        GatewayConfig config;
        Optional<ClientKeySource> keys;
        ClientKeyLoader keyLoader = new ClientKeyLoader(clock);
        try {
            config = new ConfigLoader(env).checkedBy(keyLoader).load(file);
            keys = keyLoader.load(config.oidc());
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                checks.fail("configuration: " + p, null, "correct " + p.key() + " in " + file
                        + " (or its GATEWAY_* environment variable)");
            }
            out.println(checks.summary());
            return Main.USAGE;
        }
        checks.ok("configuration is valid");
        checkCredentials(config, keys, checks);
        checkSessionStore(config, checks);
        DemoLauncher demo = new DemoLauncher(config, clock);
        try {
            demo.startBeforeGateway();
            demo.register(config.server().redirectUri(), keys);
            if (config.demo().identityProvider()) {
                checks.ok("started the embedded demo identity provider at " + config.oidc().issuer());
            }
            checkIdentityProvider(config, keys, checks);
        } catch (ConfigException e) {
            e.problems().forEach(p -> checks.fail("configuration: " + p, null, "correct " + p.key()));
        } catch (Exception e) {
            checks.fail("the embedded demo could not start", e.getMessage(), "free the ports in oidc.issuer and upstream.url");
        } finally {
            stopQuietly(demo);
        }
        out.println(checks.summary());
        return checks.allPassed() ? Main.OK : Main.PROBLEMS;
    }

    private void checkCredentials(GatewayConfig config, Optional<ClientKeySource> keys, Checklist checks) {
        if (keys.isEmpty()) {
            checks.ok("client secret is set (" + config.oidc().clientAuth().configName() + ")");
            return;
        }
        var credentials = keys.get().current();
        CertificateFacts facts = CertificateFacts.of(credentials.certificate());
        checks.ok("private key matches the certificate " + facts.subject() + " (SHA-1 " + facts.sha1Hex() + ", x5t "
                + facts.x5t() + ")");
        if (facts.expired(clock.instant())) {
            checks.fail("the certificate expired on " + facts.notAfter(), "the IdP refuses assertions signed with it",
                    "create a new one with './run.sh cert new' and upload it to the IdP");
        } else if (facts.expiresWithin(clock.instant(), CertificateFacts.EXPIRY_FAILURE)) {
            checks.fail("the certificate expires on " + facts.notAfter() + ", within "
                    + CertificateFacts.EXPIRY_FAILURE.toDays() + " days", "the IdP refuses assertions once it has",
                    "create the next one with './run.sh cert new', upload it to the IdP, then replace the files:"
                            + " the running gateway takes them up without a restart");
        } else if (facts.expiresSoon(clock.instant())) {
            checks.warn("the certificate expires on " + facts.notAfter(),
                    "create the next one with './run.sh cert new' and upload it now");
        } else {
            checks.ok("the certificate is valid until " + facts.notAfter());
        }
    }

    private void checkSessionStore(GatewayConfig config, Checklist checks) {
        String where = "session store " + config.session().store().description();
        try (SessionStore store = SessionStores.open(config.session(), clock)) {
            if (store.sessions().available()) {
                checks.ok(where + " answers");
            } else {
                checks.fail(where + " cannot be reached", "every request with a session would get 503",
                        "check session.redis-url (host, port, password, TLS) and that this host reaches Redis");
            }
        }
    }

    private void checkIdentityProvider(GatewayConfig config, Optional<ClientKeySource> keys, Checklist checks) {
        OidcHttp http = new OidcHttp(OidcHttp.DEFAULT_TIMEOUT);
        ProviderMetadata metadata;
        try {
            metadata = new DiscoveryClient(http).fetch(config.oidc().issuer());
            checks.ok("discovery document at " + DiscoveryClient.discoveryUrl(config.oidc().issuer()));
        } catch (DiscoveryException e) {
            checks.fail("discovery document at " + DiscoveryClient.discoveryUrl(config.oidc().issuer()), e.getMessage(),
                    "check oidc.issuer and that this host reaches the IdP (proxy, firewall, DNS)");
            checks.skip("token endpoint auth methods");
            checks.skip("key set (JWKS)");
            checks.skip("client authentication at the token endpoint");
            return;
        }
        String method = config.oidc().clientAuth().configName();
        if (metadata.tokenEndpointAuthMethodsSupported().contains(method)) {
            checks.ok("the token endpoint supports " + method);
        } else {
            checks.fail("the token endpoint does not list " + method, "it lists "
                    + metadata.tokenEndpointAuthMethodsSupported(), "set oidc.client-auth to one of those");
        }
        try {
            int published = RefreshingJwksKeyResolver.of(metadata.jwksUri(), http, clock).load();
            checks.ok("key set (JWKS) loads: " + published + " key" + (published == 1 ? "" : "s"));
        } catch (DiscoveryException e) {
            checks.fail("key set (JWKS)", e.getMessage(), "check the IdP's jwks_uri is reachable from this host");
        }
        probeClientAuthentication(config, keys, http, metadata, checks);
    }

    /** The live probe: a dummy code redeemed with the real client authentication. */
    private void probeClientAuthentication(GatewayConfig config, Optional<ClientKeySource> keys, OidcHttp http,
            ProviderMetadata metadata, Checklist checks) {
        TokenClient tokens = new TokenClient(http, ClientAuthentications.from(config.oidc(), keys, clock));
        ClientAuthenticationProbe.Outcome outcome = new ClientAuthenticationProbe(tokens)
                .probe(metadata.tokenEndpoint(), config.server().redirectUri());
        String what = keys.isPresent() ? "the IdP accepted the certificate" : "the IdP accepted the client secret";
        if (outcome.accepted()) {
            checks.ok(what + ": " + outcome.summary());
            return;
        }
        IdpErrorCatalogue catalogue = new IdpErrorCatalogue();
        var entry = outcome.refusal().flatMap(e -> e.catalogueEntry(catalogue));
        checks.fail("client authentication at " + metadata.tokenEndpoint() + ": " + outcome.summary(),
                entry.map(IdpErrorCatalogue.Entry::cause).orElse(""),
                entry.map(IdpErrorCatalogue.Entry::fix).orElse("read the IdP's description above"));
    }

    private static void stopQuietly(DemoLauncher demo) {
        try {
            demo.stop();
        } catch (Exception e) {
            // the check is over; a demo that does not stop cleanly ends with the process
        }
    }
}
