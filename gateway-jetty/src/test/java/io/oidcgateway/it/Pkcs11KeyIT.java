package io.oidcgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.cli.CliProcess;
import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.DemoUpstream;
import io.oidcgateway.demo.RegisteredClient;
import io.oidcgateway.e2e.Browser;
import io.oidcgateway.testing.FreePorts;
import io.oidcgateway.testing.SoftHsm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.htmlunit.html.HtmlPage;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client key in a SoftHSM2 token, imported as sensitive and not extractable: the packaged
 * gateway signs its assertions inside the token, and check and cert show work with it.
 */
class Pkcs11KeyIT {
    @TempDir
    Path work;
    DemoIdentityProvider idp;
    DemoUpstream upstream;
    SoftHsm hsm;
    ClientCredentials credentials;
    int port;

    @BeforeEach
    void tokenWithTheKey() throws Exception {
        idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        idp.start();
        upstream = new DemoUpstream("127.0.0.1", 0);
        upstream.start();
        port = FreePorts.next();
        hsm = SoftHsm.create(work.resolve("hsm"), "gateway");
        credentials = new SelfSignedCertificates(Clock.systemUTC(), new SecureRandom())
                .create(KeyType.RSA2048, "CN=hsm-client", Duration.ofDays(90), "hsm");
        hsm.importKey(credentials, "gateway-key", "01");
        idp.register(new RegisteredClient("hsm-client", List.of(URI.create("http://127.0.0.1:" + port
                + "/oauth2/callback")), List.of(credentials.certificate()), Optional.empty(), Optional.empty()));
    }

    @AfterEach
    void stop() throws Exception {
        upstream.stop();
        idp.stop();
    }

    private Path config(String... more) throws Exception {
        List<String> lines = new ArrayList<>(List.of("server.host=127.0.0.1", "server.port=" + port,
                "server.public-url=http://127.0.0.1:" + port, "upstream.url=" + upstream.url(),
                "oidc.issuer=" + idp.issuer(), "oidc.client-id=hsm-client",
                "oidc.client-keystore-type=PKCS11", "oidc.pkcs11.library=" + SoftHsm.LIBRARY,
                "oidc.pkcs11.key-label=gateway-key", "oidc.client-keystore-password=${file:pin.txt}"));
        lines.addAll(List.of(more));
        if (lines.stream().noneMatch(l -> l.startsWith("oidc.pkcs11.slot"))) {
            lines.add("oidc.pkcs11.token-label=gateway");
        }
        Files.writeString(work.resolve("pin.txt"), SoftHsm.PIN);
        Path config = work.resolve("gateway.properties");
        Files.writeString(config, String.join("\n", lines));
        return config;
    }

    @Test
    void loginThroughTheDemoIdpThenTheAssertionWasSignedByTheTokensKey() throws Exception {
        String objects = hsm.objects();
        assertTrue(objects.contains("Access:     sensitive"), objects);
        assertFalse(objects.contains("extractable,") || objects.matches("(?s).*Access:[^\\n]*\\bextractable.*"),
                "the key can never be read out: " + objects);

        try (GatewayProcess gateway = GatewayProcess.start(config(), port, hsm.env(), work.resolve("gateway.log"));
                Browser browser = new Browser()) {
            HtmlPage page = Browser.signIn(browser.open("http://127.0.0.1:" + port + "/"), "alice", "alice");

            assertEquals(200, page.getWebResponse().getStatusCode(), page.asNormalizedText() + gateway.logTail(20));
            assertEquals(1, Browser.upstreamHeader(page, "Authorization").size(), page.asNormalizedText());
            List<String> assertions = idp.testHooks().receivedAssertions();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(assertions.get(assertions.size() - 1));
            jws.setKey(credentials.certificate().getPublicKey());
            assertTrue(jws.verifySignature(), "signed by the key in the token");
            assertEquals(credentials.x5t(), jws.getHeader("x5t"));
        }
    }

    @Test
    void checkAndCertShowThenTheTokensCertificateIsReportedAndAccepted() throws Exception {
        config("oidc.pkcs11.slot=" + hsm.slot());

        CliProcess.Result check = CliProcess.run(work, hsm.env(), "", "check", "--config", "gateway.properties");
        CliProcess.Result show = CliProcess.run(work, hsm.env(), "", "cert", "show", "--config", "gateway.properties");

        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.stdout().contains("ok    the IdP accepted the certificate"), check.stdout());
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.stdout().contains(credentials.x5t()), show.stdout());
        assertTrue(show.stdout().contains("CN=hsm-client"), show.stdout());
        assertEquals("", check.stderr() + show.stderr(), "the commands' own lines only");
    }

    @Test
    void certificateFromAFileThenItIsSentWithTheTokensKey() throws Exception {
        Files.writeString(work.resolve("client.crt"), PemFiles.certificates(credentials.chain()));

        CliProcess.Result check = CliProcess.run(work, hsm.env(), "", "check", "--config",
                config("oidc.client-certificate=client.crt").getFileName().toString());

        assertEquals(0, check.exitCode(), check.toString());
    }

    @Test
    void wrongPinThenAOneLineStartError() throws Exception {
        config();
        Files.writeString(work.resolve("pin.txt"), "9999");

        CliProcess.Result run = CliProcess.run(work, hsm.env(), "", "run", "--config", "gateway.properties");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.all().contains("oidc.client-keystore-password"), run.toString());
        assertTrue(run.all().contains("wrong PIN for token 'gateway'"), run.toString());
        assertFalse(run.all().contains("\tat ") || run.all().contains("Exception"), "no stack trace: " + run);
        assertFalse(run.all().contains("9999"), "the PIN stays out");
    }

    @Test
    void unknownTokenOrKeyLabelThenTheErrorListsWhatThereIs() throws Exception {
        Path config = config();
        Files.writeString(config, Files.readString(config).replace("oidc.pkcs11.token-label=gateway",
                "oidc.pkcs11.token-label=gatewy"));
        CliProcess.Result token = CliProcess.run(work, hsm.env(), "", "check", "--config", "gateway.properties");
        Files.writeString(config, Files.readString(config).replace("gatewy", "gateway")
                .replace("key-label=gateway-key", "key-label=other"));
        CliProcess.Result key = CliProcess.run(work, hsm.env(), "", "check", "--config", "gateway.properties");

        assertEquals(2, token.exitCode(), token.toString());
        assertTrue(token.all().contains("no token labelled 'gatewy'"), token.toString());
        assertTrue(token.all().contains("'gateway' (slot " + hsm.slot() + ")"), token.toString());
        assertEquals(2, key.exitCode(), key.toString());
        assertTrue(key.all().contains("no private key labelled 'other'"), key.toString());
        assertTrue(key.all().contains("'gateway-key'"), key.toString());
    }
}
