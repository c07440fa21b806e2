package io.oidcgateway.clientauth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads client keys and certificates from PEM, DER, PKCS#12 and JKS files. */
public final class KeyMaterialLoader {
    /** Certificates, keys and keystores are a few KB; a larger file is a mistake, not a credential. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    private KeyMaterialLoader() {
    }

    /** A PEM (or DER) certificate file, chain allowed, and a PEM private key (PKCS#8, PKCS#1 RSA, or EC). */
    public static ClientCredentials fromPem(Path certificateFile, Path keyFile) throws KeyMaterialException {
        List<X509Certificate> chain = readCertificates(certificateFile);
        PrivateKey key = readPrivateKey(keyFile);
        return new ClientCredentials(key, chain, certificateFile.getFileName() + " + " + keyFile.getFileName());
    }

    /** The file's type (PKCS#12 or JKS) is read from its content. */
    private static KeyStore open(Path file, char[] password) throws KeyMaterialException {
        String name = file.getFileName().toString();
        checkSize(file);
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new KeyMaterialException(name + ": wrong keystore password (check oidc.client-keystore-password)");
            }
            throw new KeyMaterialException(name + ": not a readable PKCS#12 or JKS keystore (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(name + ": not a PKCS#12 or JKS keystore (" + e.getMessage() + ")");
        }
    }

    /** A PKCS#12 or JKS keystore holding one private key entry with its certificate chain. */
    public static ClientCredentials fromKeyStore(Path file, char[] password) throws KeyMaterialException {
        return fromKeyStore(file, password, Optional.empty());
    }

    /** @param expectedType {@code oidc.client-keystore-type} when set: the file must be of that type */
    public static ClientCredentials fromKeyStore(Path file, char[] password, Optional<String> expectedType)
            throws KeyMaterialException {
        String name = file.getFileName().toString();
        KeyStore store = open(file, password);
        if (expectedType.isPresent() && !expectedType.get().equalsIgnoreCase(store.getType())) {
            throw new KeyMaterialException(name + " is a " + store.getType().toUpperCase(java.util.Locale.ROOT)
                    + " keystore but oidc.client-keystore-type says " + expectedType.get()
                    + "; correct the type or leave it out (it is read from the file)");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                if (!(key instanceof PrivateKey privateKey)) {
                    continue;
                }
                List<X509Certificate> chain = new ArrayList<>();
                Certificate[] certs = store.getCertificateChain(alias);
                if (certs != null) {
                    for (Certificate c : certs) {
                        chain.add((X509Certificate) c);
                    }
                }
                return new ClientCredentials(privateKey, chain, name + " (alias " + alias + ")");
            }
        } catch (UnrecoverableKeyException e) {
            throw new KeyMaterialException(name + ": the key entry has a different password than the keystore;"
                    + " re-export it with one password");
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(name + ": cannot read the key entry (" + e.getMessage() + ")");
        }
        throw new KeyMaterialException(name + ": holds no private key entry; export the certificate together with its key");
    }

    /** Every certificate in a PEM or DER file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) throws KeyMaterialException {
        String name = file.getFileName().toString();
        byte[] bytes = readFile(file);
        if (looksLikePem(bytes) && !new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).contains("CERTIFICATE-----")) {
            throw new KeyMaterialException(name + ": holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new KeyMaterialException(name + ": holds no certificate");
            }
            return certs;
        } catch (CertificateException | IOException e) {
            throw new KeyMaterialException(name + ": not a PEM or DER X.509 certificate");
        }
    }

    /** A PEM private key: PKCS#8, PKCS#1 RSA or SEC1 EC. Encrypted keys are refused with the way out. */
    public static PrivateKey readPrivateKey(Path file) throws KeyMaterialException {
        String name = file.getFileName().toString();
        String text = new String(readFile(file), java.nio.charset.StandardCharsets.US_ASCII);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
                    throw new KeyMaterialException(name + ": the private key is encrypted; use a PKCS#12 keystore"
                            + " (oidc.client-keystore + oidc.client-keystore-password) or decrypt it with"
                            + " 'openssl pkcs8 -topk8 -nocrypt'");
                }
                if (item instanceof X509CertificateHolder) {
                    continue;
                }
            }
        } catch (IOException e) {
            throw new KeyMaterialException(name + ": not a readable PEM private key");
        }
        throw new KeyMaterialException(name + ": holds no PEM private key (expected a PEM block labelled PRIVATE KEY,"
                + " RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.US_ASCII)
                .contains("-----BEGIN ");
    }

    private static void checkSize(Path file) throws KeyMaterialException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new KeyMaterialException(file.getFileName() + " is " + size + " bytes; certificate, key and"
                        + " keystore files are a few KB (is it the right file?)");
            }
        } catch (IOException e) {
            throw new KeyMaterialException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] readFile(Path file) throws KeyMaterialException {
        checkSize(file);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeyMaterialException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
