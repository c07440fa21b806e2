package io.oidcgateway.e2e;

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
import io.oidcgateway.server.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private GatewayFixture(DemoIdentityProvider idp, DemoUpstream upstream, GatewayServer gateway,
            ClientCredentials credentials) {
        this.idp = idp;
        this.upstream = upstream;
        this.gateway = gateway;
        this.credentials = credentials;
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
        return new GatewayFixture(idp, upstream, gateway, credentials);
    }

    public String url(String path) {
        return gateway.publicUrl() + path;
    }

    @Override
    public void close() throws Exception {
        gateway.stop();
        upstream.stop();
        idp.stop();
    }
}
