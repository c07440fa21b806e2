package io.oidcgateway.clientauth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;

/** Client credentials for tests, created at run time: no key is ever committed. */
public final class TestCredentials {
    private TestCredentials() {
    }

    public static ClientCredentials create(KeyType type) {
        return create(type, "CN=test-client");
    }

    public static ClientCredentials create(KeyType type, String subject) {
        return new SelfSignedCertificates(Clock.systemUTC(), new SecureRandom())
                .create(type, subject, Duration.ofDays(30), subject);
    }

    public static ClientCredentials rsa() {
        return create(KeyType.RSA2048);
    }

    /** Writes {@code client.crt} and {@code client.key} (PKCS#8) into {@code dir}. */
    public static void writePem(ClientCredentials credentials, Path dir) throws IOException {
        Files.writeString(dir.resolve("client.crt"), PemFiles.certificates(credentials.chain()));
        PemFiles.writePrivate(dir.resolve("client.key"), PemFiles.pkcs8(credentials.privateKey()));
    }

    public static Path writeKeyStore(ClientCredentials credentials, Path file, String type, String password)
            throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry("client", credentials.privateKey(), password.toCharArray(),
                credentials.chain().toArray(Certificate[]::new));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
