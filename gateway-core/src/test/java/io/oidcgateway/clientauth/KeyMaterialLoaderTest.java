package io.oidcgateway.clientauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialLoaderTest {
    @TempDir
    Path dir;

    @Test
    void fromPemWhenPkcs8RsaThenLoadsAndComputesThumbprints() throws Exception {
        ClientCredentials original = TestCredentials.rsa();
        TestCredentials.writePem(original, dir);

        ClientCredentials loaded = KeyMaterialLoader.fromPem(dir.resolve("client.crt"), dir.resolve("client.key"));

        assertEquals(original.certificate(), loaded.certificate());
        assertEquals(original.x5t(), loaded.x5t());
        assertEquals(40, loaded.sha1Hex().length());
    }

    @Test
    void fromPemWhenPkcs1RsaThenLoads() throws Exception {
        ClientCredentials original = TestCredentials.rsa();
        Files.writeString(dir.resolve("c.crt"), PemFiles.certificates(original.chain()));
        String pkcs1 = PemFiles.pkcs1(original.privateKey());
        assertTrue(pkcs1.startsWith("-----BEGIN " + "RSA PRIVATE KEY-----"), pkcs1.substring(0, 40));
        Files.writeString(dir.resolve("c.key"), pkcs1);

        ClientCredentials loaded = KeyMaterialLoader.fromPem(dir.resolve("c.crt"), dir.resolve("c.key"));

        assertEquals(original.x5tS256(), loaded.x5tS256());
    }

    @Test
    void fromPemWhenEcKeyInBothFormsThenLoads() throws Exception {
        ClientCredentials original = TestCredentials.create(KeyType.EC256);
        Files.writeString(dir.resolve("c.crt"), PemFiles.certificates(original.chain()));
        for (String pem : new String[] {PemFiles.pkcs8(original.privateKey()), opensslEcKey(original)}) {
            Files.writeString(dir.resolve("c.key"), pem);
            assertEquals("EC", KeyMaterialLoader.fromPem(dir.resolve("c.crt"), dir.resolve("c.key"))
                    .privateKey().getAlgorithm());
        }
    }

    /** What 'openssl ecparam -genkey' writes: SEC1 with the curve named inside. */
    private static String opensslEcKey(ClientCredentials c) throws Exception {
        java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) c.privateKey();
        byte[] der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                new org.bouncycastle.asn1.x9.X962Parameters(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1))
                .getEncoded();
        java.io.StringWriter out = new java.io.StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter w = new org.bouncycastle.util.io.pem.PemWriter(out)) {
            w.writeObject(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", der));
        }
        return out.toString();
    }

    @Test
    void fromPemWhenCertificateChainThenClientCertificateFirst() throws Exception {
        ClientCredentials client = TestCredentials.rsa();
        ClientCredentials other = TestCredentials.rsa();
        Files.writeString(dir.resolve("chain.crt"),
                PemFiles.certificates(client.chain()) + PemFiles.certificates(other.chain()));
        Files.writeString(dir.resolve("c.key"), PemFiles.pkcs8(client.privateKey()));

        ClientCredentials loaded = KeyMaterialLoader.fromPem(dir.resolve("chain.crt"), dir.resolve("c.key"));

        assertEquals(2, loaded.chain().size());
        assertEquals(client.certificate(), loaded.certificate());
    }

    @Test
    void fromPemWhenKeyBelongsToAnotherCertificateThenRefusedNamingTheCertificate() throws Exception {
        ClientCredentials a = TestCredentials.rsa();
        ClientCredentials b = TestCredentials.rsa();
        Files.writeString(dir.resolve("a.crt"), PemFiles.certificates(a.chain()));
        Files.writeString(dir.resolve("b.key"), PemFiles.pkcs8(b.privateKey()));

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> KeyMaterialLoader.fromPem(dir.resolve("a.crt"), dir.resolve("b.key")));

        assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
        assertTrue(e.getMessage().contains(a.sha1Hex()), e.getMessage());
    }

    @Test
    void fromPemWhenKeyTypeDiffersFromCertificateThenRefused() throws Exception {
        ClientCredentials rsa = TestCredentials.rsa();
        ClientCredentials ec = TestCredentials.create(KeyType.EC256);
        Files.writeString(dir.resolve("rsa.crt"), PemFiles.certificates(rsa.chain()));
        Files.writeString(dir.resolve("ec.key"), PemFiles.pkcs8(ec.privateKey()));

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> KeyMaterialLoader.fromPem(dir.resolve("rsa.crt"), dir.resolve("ec.key")));

        assertTrue(e.getMessage().contains("private key is EC"), e.getMessage());
    }

    @Test
    void fromPemWhenFilesSwappedThenSaysWhatEachFileHolds() throws Exception {
        ClientCredentials c = TestCredentials.rsa();
        TestCredentials.writePem(c, dir);

        KeyMaterialException keyAsCert = assertThrows(KeyMaterialException.class,
                () -> KeyMaterialLoader.fromPem(dir.resolve("client.key"), dir.resolve("client.key")));
        assertTrue(keyAsCert.getMessage().contains("no PEM certificate"), keyAsCert.getMessage());
        KeyMaterialException certAsKey = assertThrows(KeyMaterialException.class,
                () -> KeyMaterialLoader.readPrivateKey(dir.resolve("client.crt")));
        assertTrue(certAsKey.getMessage().contains("holds no PEM private key"), certAsKey.getMessage());
    }

    @Test
    void readPrivateKeyWhenEncryptedThenRefusedWithTheWayOut() throws Exception {
        ClientCredentials c = TestCredentials.rsa();
        org.bouncycastle.operator.OutputEncryptor encryptor =
                new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(
                        org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                        .setPassword("pw".toCharArray()).build();
        java.io.StringWriter pem = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(pem)) {
            w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(c.privateKey(), encryptor));
        }
        Files.writeString(dir.resolve("enc.key"), pem.toString());

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> KeyMaterialLoader.readPrivateKey(dir.resolve("enc.key")));

        assertTrue(e.getMessage().contains("the private key is encrypted; use a PKCS#12 keystore"), e.getMessage());
    }

    @Test
    void fromKeyStoreWhenPkcs12AndJksThenLoads() throws Exception {
        ClientCredentials c = TestCredentials.rsa();
        for (String type : new String[] {"PKCS12", "JKS"}) {
            Path file = TestCredentials.writeKeyStore(c, dir.resolve("client." + type), type, "s3cret-pass");
            ClientCredentials loaded = KeyMaterialLoader.fromKeyStore(file, "s3cret-pass".toCharArray());
            assertEquals(c.x5t(), loaded.x5t(), type);
        }
    }

    @Test
    void fromKeyStoreWhenWrongPasswordThenSaysSoWithoutThePassword() throws Exception {
        Path file = TestCredentials.writeKeyStore(TestCredentials.rsa(), dir.resolve("c.p12"), "PKCS12", "right-one");

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeyStore(file, "wrong-one".toCharArray()));

        assertTrue(e.getMessage().contains("wrong keystore password"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-one"));
    }

    @Test
    void credentialsToStringShowsNoKeyMaterial() {
        ClientCredentials c = TestCredentials.rsa();
        String text = c.toString();
        assertFalse(text.contains("PRIVATE"));
        assertFalse(text.contains(c.privateKey().toString()));
    }
}
