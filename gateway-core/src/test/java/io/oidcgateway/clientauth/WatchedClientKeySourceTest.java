package io.oidcgateway.clientauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.oidcgateway.clientauth.ClientKeySource.Reload;
import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedClientKeySourceTest {
    @TempDir
    Path dir;

    private ClientKeySource load(Map<String, String> keyProps) throws Exception {
        Map<String, String> props = new java.util.HashMap<>(Map.of("upstream.url", "http://127.0.0.1:9",
                "oidc.issuer", "http://127.0.0.1:8", "oidc.client-id", "c"));
        props.putAll(keyProps);
        GatewayConfig config = new ConfigLoader(Map.of()).load(props, dir);
        return new ClientKeyLoader(Clock.systemUTC()).load(config.oidc()).orElseThrow();
    }

    private ClientKeySource pem(ClientCredentials first) throws Exception {
        TestCredentials.writePem(first, dir);
        return load(Map.of("oidc.client-certificate", "client.crt", "oidc.client-key", "client.key"));
    }

    /** As an operator or cert-manager does it: written next to the file, then moved over it. */
    private void replace(String name, String content) throws Exception {
        Path next = dir.resolve(name + ".next");
        Files.writeString(next, content);
        Files.move(next, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void pemFilesWhenNothingChangedThenUnchanged() throws Exception {
        ClientCredentials first = TestCredentials.rsa();
        ClientKeySource source = pem(first);

        assertInstanceOf(WatchedClientKeySource.class, source);
        assertEquals(Reload.UNCHANGED, source.reloadIfChanged());
        assertEquals(first.x5t(), source.current().x5t());
    }

    @Test
    void pemFilesReplacedThenTheNewPairIsUsed() throws Exception {
        ClientKeySource source = pem(TestCredentials.rsa());
        ClientCredentials next = TestCredentials.create(KeyType.RSA2048, "CN=next");

        replace("client.key", PemFiles.pkcs8(next.privateKey()));
        replace("client.crt", PemFiles.certificates(next.chain()));

        assertEquals(Reload.LOADED, source.reloadIfChanged());
        assertEquals(next.x5t(), source.current().x5t());
    }

    @Test
    void certificateReplacedBeforeItsKeyThenRefusedUntilTheKeyArrivesThenLoaded() throws Exception {
        ClientCredentials first = TestCredentials.rsa();
        ClientKeySource source = pem(first);
        ClientCredentials next = TestCredentials.create(KeyType.RSA2048, "CN=next");

        replace("client.crt", PemFiles.certificates(next.chain()));
        assertEquals(Reload.REFUSED, source.reloadIfChanged(), "the new certificate with the old key is a mismatch");
        assertEquals(first.x5t(), source.current().x5t(), "the old pair stays in use");
        assertEquals(Reload.UNCHANGED, source.reloadIfChanged(), "refused once, not again every second");

        replace("client.key", PemFiles.pkcs8(next.privateKey()));
        assertEquals(Reload.LOADED, source.reloadIfChanged());
        assertEquals(next.x5t(), source.current().x5t());
    }

    @Test
    void halfWrittenKeyFileThenRefusedAndTheOldPairStays() throws Exception {
        ClientCredentials first = TestCredentials.rsa();
        ClientKeySource source = pem(first);
        String key = PemFiles.pkcs8(TestCredentials.rsa().privateKey());

        Files.writeString(dir.resolve("client.key"), key.substring(0, key.length() / 2));

        assertEquals(Reload.REFUSED, source.reloadIfChanged());
        assertEquals(first.x5t(), source.current().x5t());
    }

    @Test
    void keyOfAnotherTypeThanTheAlgorithmThenRefused() throws Exception {
        ClientCredentials first = TestCredentials.rsa();
        ClientKeySource source = pem(first);
        ClientCredentials ec = TestCredentials.create(KeyType.EC256, "CN=ec");

        replace("client.key", PemFiles.pkcs8(ec.privateKey()));
        replace("client.crt", PemFiles.certificates(ec.chain()));

        assertEquals(Reload.REFUSED, source.reloadIfChanged(), "RS256 is configured: an EC pair cannot sign");
        assertEquals(first.x5t(), source.current().x5t());
    }

    @Test
    void keyStoreReplacedThenTheNewPairIsUsed() throws Exception {
        TestCredentials.writeKeyStore(TestCredentials.rsa(), dir.resolve("client.p12"), "PKCS12", "pw");
        ClientKeySource source = load(Map.of("oidc.client-keystore", "client.p12",
                "oidc.client-keystore-password", "pw"));
        ClientCredentials next = TestCredentials.create(KeyType.RSA2048, "CN=next");

        TestCredentials.writeKeyStore(next, dir.resolve("client.p12.next"), "PKCS12", "pw");
        Files.move(dir.resolve("client.p12.next"), dir.resolve("client.p12"), StandardCopyOption.REPLACE_EXISTING);

        assertEquals(Reload.LOADED, source.reloadIfChanged());
        assertEquals(next.x5t(), source.current().x5t());
    }
}
