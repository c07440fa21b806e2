package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.DemoUpstream;
import io.oidcgateway.demo.RegisteredClient;
import io.oidcgateway.filter.GatewayBuilder;
import io.oidcgateway.server.GatewayServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jose4j.json.JsonUtil;

/**
 * The whole system on loopback ports chosen by the OS: the demo IdP, the echo upstream and
 * the gateway, configured through the same properties a user writes, with a client
 * certificate created for the test.
 */
public final class GatewayFixture implements AutoCloseable {
    public static final String CLIENT_ID = "e2e-client";

    public final DemoIdentityProvider idp;
    public final DemoUpstream upstream;
    public final GatewayServer gateway;
    public final ClientCredentials credentials;
    private final Path dir;
    private final Map<String, String> props;
    private final Clock clock;
    private final List<GatewayServer> others = new ArrayList<>();

    private GatewayFixture(DemoIdentityProvider idp, DemoUpstream upstream, GatewayServer gateway,
            ClientCredentials credentials, Path dir, Map<String, String> props, Clock clock) {
        this.idp = idp;
        this.upstream = upstream;
        this.gateway = gateway;
        this.credentials = credentials;
        this.dir = dir;
        this.props = Map.copyOf(props);
        this.clock = clock;
    }

    /**
     * @param registerGatewayCertificate false registers another certificate at the IdP, as when
     *        the wrong file was uploaded to the app registration
     * @param extra more properties, overriding the defaults
     */
    public static GatewayFixture start(Path dir, boolean registerGatewayCertificate, Map<String, String> extra)
            throws Exception {
        return start(dir, registerGatewayCertificate, extra, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
    }

    /** @param clock shared by the gateway and the demo IdP, so a test can move time for both */
    public static GatewayFixture start(Path dir, boolean registerGatewayCertificate, Map<String, String> extra, Clock clock,
            DemoIdpSettings idpSettings) throws Exception {
        return start(dir, registerGatewayCertificate, extra, clock, idpSettings, idp -> { });
    }

    /** @param beforeGateway changes the demo IdP before the gateway reads its discovery document */
    public static GatewayFixture start(Path dir, boolean registerGatewayCertificate, Map<String, String> extra, Clock clock,
            DemoIdpSettings idpSettings, java.util.function.Consumer<DemoIdentityProvider> beforeGateway)
            throws Exception {
        DemoIdentityProvider idp = new DemoIdentityProvider("127.0.0.1", 0, clock, idpSettings);
        idp.start();
        beforeGateway.accept(idp);
        DemoUpstream upstream = new DemoUpstream("127.0.0.1", 0);
        upstream.start();

        SelfSignedCertificates certificates = new SelfSignedCertificates(clock, new SecureRandom());
        ClientCredentials credentials = certificates.create(KeyType.RSA2048, "CN=e2e", Duration.ofDays(1), "e2e");
        Files.writeString(dir.resolve("client.crt"), PemFiles.certificates(credentials.chain()));
        PemFiles.writePrivate(dir.resolve("client.key"), PemFiles.pkcs8(credentials.privateKey()));

        Map<String, String> props = new HashMap<>(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "server.public-url", "http://127.0.0.1",
                "upstream.url", upstream.url().toString(),
                "oidc.issuer", idp.issuer().toString(),
                "oidc.client-id", CLIENT_ID,
                "oidc.client-certificate", "client.crt",
                "oidc.client-key", "client.key"));
        props.putAll(extra);
        GatewayConfig config = new ConfigLoader(Map.of()).load(props, dir);
        GatewayServer gateway = GatewayServer.create(config, clock);

        ClientCredentials registered = registerGatewayCertificate ? credentials
                : certificates.create(KeyType.RSA2048, "CN=someone-else", Duration.ofDays(1), "other");
        idp.register(new RegisteredClient(CLIENT_ID, List.of(gateway.gateway().config().server().redirectUri()),
                List.of(registered.certificate()), Optional.ofNullable(props.get("oidc.client-secret")),
                Optional.of(java.net.URI.create(gateway.publicUrl() + "/oauth2/backchannel_logout"))));
        gateway.start();
        return new GatewayFixture(idp, upstream, gateway, credentials, dir, props, clock);
    }

    /**
     * Another instance on the same IdP and upstream, configured as the first with {@code extra}
     * on top; stopped with the fixture. Instances that share {@code server.public-url} share the
     * redirect URI registered at the IdP, as instances behind one load balancer do.
     *
     * @param parts replaces parts of the gateway, as {@link GatewayBuilder} allows
     */
    public GatewayServer startAnother(Map<String, String> extra, UnaryOperator<GatewayBuilder> parts)
            throws Exception {
        Map<String, String> merged = new HashMap<>(props);
        merged.putAll(extra);
        GatewayConfig config = new ConfigLoader(Map.of()).load(merged, dir);
        GatewayServer another = GatewayServer.create(config,
                effective -> parts.apply(GatewayBuilder.forConfig(effective).clock(clock)));
        another.start();
        others.add(another);
        return another;
    }

    /** The bearer token the echo upstream received, from its JSON answer. */
    @SuppressWarnings("unchecked")
    public static String bearer(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> headers = (Map<String, Object>) JsonUtil.parseJson(response.body()).get("headers");
        return ((List<String>) headers.get("Authorization")).get(0);
    }

    /** Signs {@code user} in through the demo IdP (password = user name); the session cookie's value. */
    public String signIn(String user) throws Exception {
        try (Browser browser = new Browser()) {
            Browser.signIn(browser.open(url("/")), user, user);
            return browser.web.getCookieManager().getCookie("gateway_session").getValue();
        }
    }

    public String url(String path) {
        return gateway.publicUrl() + path;
    }

    @Override
    public void close() throws Exception {
        for (GatewayServer other : others) {
            other.stop();
        }
        gateway.stop();
        upstream.stop();
        idp.stop();
    }
}
