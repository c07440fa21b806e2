package io.oidcgateway.clientauth;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Writes keys and certificates as PEM text. */
public final class PemFiles {
    private PemFiles() {
    }

    public static String certificates(List<X509Certificate> chain) {
        return write(w -> {
            for (X509Certificate c : chain) {
                w.writeObject(c);
            }
        });
    }

    /** A PEM block labelled {@code PRIVATE KEY}: the PKCS#8 form every tool reads. */
    public static String pkcs8(PrivateKey key) {
        return write(w -> w.writeObject(new JcaPKCS8Generator(key, null)));
    }

    /** A PEM block labelled {@code RSA PRIVATE KEY}: OpenSSL's traditional PKCS#1 form, for RSA keys only. */
    public static String pkcs1(PrivateKey key) {
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("PKCS#1 holds RSA keys only; write " + key.getAlgorithm() + " keys as PKCS#8");
        }
        return write(w -> w.writeObject(key));
    }

    /** Writes a private key readable by its owner only, where the file system has permissions. */
    public static void writePrivate(Path file, String pem) throws IOException {
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        restrictToOwner(file);
    }

    /** Makes a file holding a private key readable by its owner only, where the file system has permissions. */
    public static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions protect it
        }
    }

    private interface PemWrite {
        void to(JcaPEMWriter writer) throws IOException;
    }

    private static String write(PemWrite body) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            body.to(writer);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PEM", e);
        }
        return out.toString();
    }
}
