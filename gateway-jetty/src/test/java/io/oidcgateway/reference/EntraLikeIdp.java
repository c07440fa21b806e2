package io.oidcgateway.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oidcgateway.cli.CliProcess;
import io.oidcgateway.clientauth.KeyMaterialLoader;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.RegisteredClient;
import io.oidcgateway.testing.TestTls;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo IdP over https, as Microsoft's libraries insist on, with a client registered for a
 * certificate that {@code cert new} made: what a user points MSAL at to check an assertion.
 * MSAL reaches it as the authority {@code https://127.0.0.1:PORT/contoso}.
 */
final class EntraLikeIdp implements AutoCloseable {
    static final String CLIENT_ID = "0a5e3c1d-7b2f-4c6a-9d8e-1f2a3b4c5d6e";
    static final URI REDIRECT_URI = URI.create("https://app.example/oauth2/callback");
    static final String P12_PASSWORD = "p12-password";

    final DemoIdentityProvider idp;
    final TestTls tls;
    final Path credentials;
    final X509Certificate certificate;
    final PrivateKey key;

    private EntraLikeIdp(DemoIdentityProvider idp, TestTls tls, Path credentials, X509Certificate certificate,
            PrivateKey key) {
        this.idp = idp;
        this.tls = tls;
        this.credentials = credentials;
        this.certificate = certificate;
        this.key = key;
    }

    static EntraLikeIdp start(Path dir, DemoIdpSettings settings) throws Exception {
        Path credentials = dir.resolve("credentials");
        CliProcess.Result created = CliProcess.run(dir, Map.of("P12_PASSWORD", P12_PASSWORD), "", "cert", "new",
                "--subject", "CN=msal-reference", "--out", credentials.toString(), "--password-env", "P12_PASSWORD");
        assertEquals(0, created.exitCode(), created.toString());
        X509Certificate certificate = KeyMaterialLoader.readCertificates(credentials.resolve("client.crt")).get(0);
        PrivateKey key = KeyMaterialLoader.readPrivateKey(credentials.resolve("client.key"));
        TestTls tls = TestTls.create();
        DemoIdentityProvider idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), settings);
        idp.serveHttps(tls.serverKeyStore());
        idp.start();
        idp.register(new RegisteredClient(CLIENT_ID, List.of(REDIRECT_URI), List.of(certificate), Optional.empty(),
                Optional.empty()));
        return new EntraLikeIdp(idp, tls, credentials, certificate, key);
    }

    /** Where MSAL finds the metadata: {@code {authority}/v2.0/.well-known/openid-configuration}. */
    String authority() {
        return idp.issuer() + "/contoso";
    }

    /** The tenant's token endpoint, which MSAL calls and names in the assertion's aud. */
    String tokenEndpoint() {
        return authority() + "/oauth2/v2.0/token";
    }

    /** {@code assertion inspect} on an assertion as the demo IdP received it, with everything it can check. */
    CliProcess.Result inspect(Path dir, String assertion) throws Exception {
        return CliProcess.run(dir, Map.of(), "", "assertion", "inspect", assertion,
                "--cert", credentials.resolve("client.crt").toString(), "--client-id", CLIENT_ID,
                "--token-endpoint", tokenEndpoint());
    }

    @Override
    public void close() throws Exception {
        idp.stop();
    }
}
