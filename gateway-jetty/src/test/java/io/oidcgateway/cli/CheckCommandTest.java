package io.oidcgateway.cli;

import io.oidcgateway.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.TestCredentials;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.RegisteredClient;
import io.oidcgateway.testing.RedisServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} as a process against the demo IdP running in this JVM. */
class CheckCommandTest {
    @TempDir
    Path dir;
    DemoIdentityProvider idp;
    ClientCredentials gatewayCert;

    @BeforeEach
    void start() throws Exception {
        idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        idp.start();
        gatewayCert = certificate("CN=gateway");
        Files.writeString(dir.resolve("client.crt"), PemFiles.certificates(gatewayCert.chain()));
        PemFiles.writePrivate(dir.resolve("client.key"), PemFiles.pkcs8(gatewayCert.privateKey()));
    }

    @AfterEach
    void stop() throws Exception {
        idp.stop();
    }

    static ClientCredentials certificate(String subject) {
        return TestCredentials.create(KeyType.RSA2048, subject);
    }

    private void register(ClientCredentials registered) {
        idp.register(new RegisteredClient("check-client", List.of(URI.create("http://localhost:4180/oauth2/callback")),
                List.of(registered.certificate()), Optional.empty(), Optional.empty()));
    }

    private CliProcess.Result check(String issuer, String... moreLines) throws Exception {
        Files.writeString(dir.resolve("gateway.properties"), String.join("\n",
                "upstream.url=http://127.0.0.1:8080",
                "oidc.issuer=" + issuer,
                "oidc.client-id=check-client",
                "oidc.client-certificate=client.crt",
                "oidc.client-key=client.key",
                String.join("\n", moreLines)));
        return CliProcess.run(dir, "check", "--config", "gateway.properties");
    }

    @Test
    void checkWhenIdpKnowsTheCertificateThenAllPassExit0() throws Exception {
        register(gatewayCert);

        CliProcess.Result r = check(idp.issuer().toString());

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("ok    the IdP accepted the certificate"), r.stdout());
        assertTrue(r.stdout().contains("ok    key set (JWKS) loads: 1 key"), r.stdout());
        assertTrue(r.stdout().contains("All 8 checks passed."), r.stdout());
    }

    @Test
    void checkWhenTheRedisSessionStoreAnswersThenOkAndWhenItDoesNotThenFailWithTheFix() throws Exception {
        register(gatewayCert);
        String key = "session.encryption-key=q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
        try (RedisServer redis = RedisServer.standalone()) {
            CliProcess.Result up = check(idp.issuer().toString(), "session.store=redis",
                    "session.redis-url=" + redis.url(), key);
            assertEquals(0, up.exitCode(), up.toString());
            assertTrue(up.stdout().contains("ok    session store in Redis answers"), up.stdout());
        }

        CliProcess.Result down = check(idp.issuer().toString(), "session.store=redis",
                "session.redis-url=redis://:hunter2@127.0.0.1:" + FreePorts.next(), key);

        assertEquals(1, down.exitCode(), down.toString());
        assertTrue(down.stdout().contains("session store in Redis cannot be reached"), down.stdout());
        assertTrue(down.stdout().contains("check session.redis-url"), down.stdout());
        assertFalse(down.all().contains("hunter2"), "the password stays out: " + down);
        assertFalse(down.stderr().contains("lettuce"), "no library log lines: " + down.stderr());
    }

    @Test
    void checkWhenTheCertificateExpiresWithinAWeekThenFailWithTheRotationFix() throws Exception {
        ClientCredentials ending = new io.oidcgateway.clientauth.SelfSignedCertificates(Clock.systemUTC(),
                new java.security.SecureRandom()).create(KeyType.RSA2048, "CN=ending", java.time.Duration.ofDays(5),
                "ending");
        Files.writeString(dir.resolve("client.crt"), PemFiles.certificates(ending.chain()));
        PemFiles.writePrivate(dir.resolve("client.key"), PemFiles.pkcs8(ending.privateKey()));
        register(ending);

        CliProcess.Result r = check(idp.issuer().toString());

        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("FAIL  the certificate expires on "), r.stdout());
        assertTrue(r.stdout().contains("within 7 days"), r.stdout());
        assertTrue(r.stdout().contains("takes them up without a restart"), r.stdout());
        assertEquals("", r.stderr(), "the command's own lines only");
    }

    @Test
    void checkWhenIdpDoesNotKnowTheCertificateThenFailWithAadsts700027AndTheFix() throws Exception {
        register(certificate("CN=someone-else"));

        CliProcess.Result r = check(idp.issuer().toString());

        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("FAIL  client authentication at " + idp.tokenEndpoint()), r.stdout());
        assertTrue(r.stdout().contains("AADSTS700027"), r.stdout());
        assertTrue(r.stdout().contains("fix:   Upload the certificate file (client.crt"), r.stdout());
        assertTrue(r.stdout().contains("1 of 8 checks failed."), r.stdout());
    }

    @Test
    void checkWhenIssuerUnreachableThenCleanFailureWithoutStackTrace() throws Exception {
        int closedPort = FreePorts.next();

        CliProcess.Result r = check("http://127.0.0.1:" + closedPort);

        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("FAIL  discovery document at http://127.0.0.1:" + closedPort), r.stdout());
        assertTrue(r.stdout().contains("cause: cannot reach"), r.stdout());
        assertFalse(r.all().contains("\tat "), "no stack trace:\n" + r);
        assertFalse(r.all().contains("Exception in thread"), r.toString());
    }

    @Test
    void checkWhenConfigurationInvalidThenExit2ListingEachProblem() throws Exception {
        Files.writeString(dir.resolve("gateway.properties"), "oidc.issuer=ftp://nowhere\noidc.client-idd=x\n");

        CliProcess.Result r = CliProcess.run(dir, "check", "--config", "gateway.properties");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("FAIL  configuration: upstream.url"), r.stdout());
        assertTrue(r.stdout().contains("oidc.client-idd"), r.stdout());
    }
}
