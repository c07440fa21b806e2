package io.oidcgateway.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small but honest OpenID provider for the demo and the tests: discovery, JWKS, a login
 * form, the token endpoint (code with PKCE, refresh with rotation) and logout, at its own
 * URLs and at Entra's. Client authentication follows Entra ID's rules and answers with
 * Entra's error codes and texts. Each endpoint is its own class; what only tests switch is in
 * {@link #testHooks()}.
 */
public final class DemoIdentityProvider {
    private static final Logger LOG = LoggerFactory.getLogger(DemoIdentityProvider.class);

    private final String host;
    /** 0 until the first start binds a free port; a restart binds the same one, as a restarted IdP keeps its address. */
    private int port;
    private final DemoState state;
    private final DemoDiscovery discovery;
    private final DemoAuthorizeEndpoint authorize;
    private final DemoTokenEndpoint token;
    private final DemoLogoutEndpoint logout;
    private final DemoTestHooks testHooks;
    private Optional<KeyStore> tls = Optional.empty();
    private LoopbackServer server;

    /** @param port 0 binds a free port; the issuer is {@code http://host:port} */
    public DemoIdentityProvider(String host, int port, Clock clock, DemoIdpSettings settings) {
        this.host = host;
        this.port = port;
        this.state = new DemoState(clock, settings);
        this.discovery = new DemoDiscovery(state);
        this.authorize = new DemoAuthorizeEndpoint(state);
        this.token = new DemoTokenEndpoint(state);
        this.logout = new DemoLogoutEndpoint(state);
        this.testHooks = new DemoTestHooks(state, logout);
    }

    /**
     * Serves https with this key and certificate from the next {@link #start()}, as Microsoft's
     * libraries insist on (the key entry's password is {@code changeit}).
     */
    public void serveHttps(KeyStore keyStore) {
        this.tls = Optional.of(keyStore);
    }

    public void start() throws Exception {
        server = LoopbackServer.start(host, port, new Endpoints(), tls);
        port = server.port();
        state.issuer((tls.isPresent() ? "https://" : "http://") + host + ":" + server.port());
        LOG.info("demo identity provider at {} (users: {}; the password is the user name)", state.issuer(),
                String.join(", ", DemoUser.DEFAULTS.stream().map(DemoUser::username).toList()));
    }

    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    public URI issuer() {
        return URI.create(state.issuer());
    }

    public URI tokenEndpoint() {
        return URI.create(state.issuer() + "/token");
    }

    public void register(RegisteredClient client) {
        state.clients.put(client.clientId(), client);
    }

    /** Adds a user beside the default ones, or replaces one of the same name (new groups show at the next refresh). */
    public void addUser(DemoUser user) {
        state.users.put(user.username(), user);
    }

    /** What only tests observe and switch. */
    public DemoTestHooks testHooks() {
        return testHooks;
    }

    private final class Endpoints extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setHeader("Cache-Control", "no-store");
            Optional<DemoSite> site = DemoSite.of(state.issuer(), request.getRequestURI());
            if (site.isEmpty()) {
                response.sendError(404);
                return;
            }
            switch (site.get().endpoint()) {
                case "discovery" -> {
                    state.discoveryRequests.incrementAndGet();
                    DemoPages.json(response, 200, discovery.document(site.get()));
                }
                case "jwks" -> {
                    state.jwksRequests.incrementAndGet();
                    DemoPages.json(response, 200, discovery.keySet());
                }
                case "authorize" -> authorize.handle(request, response);
                case "token" -> token.handle(request, response, site.get());
                default -> logout.handle(request, response);
            }
        }
    }
}
