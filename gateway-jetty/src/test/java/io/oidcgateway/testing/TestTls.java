package io.oidcgateway.testing;

import io.oidcgateway.clientauth.PemFiles;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test and a server certificate it signed for
 * {@code 127.0.0.1} and {@code localhost}: https that only the test's own clients trust.
 */
public final class TestTls {
    /** The password of the server key store and its key entry. */
    public static final String PASSWORD = "changeit";

    private final X509Certificate ca;
    private final KeyPair serverKeys;
    private final X509Certificate server;

    private TestTls(X509Certificate ca, KeyPair serverKeys, X509Certificate server) {
        this.ca = ca;
        this.serverKeys = serverKeys;
        this.server = server;
    }

    public static TestTls create() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair serverKeys = generator.generateKeyPair();
        X500Name caName = new X500Name("CN=oidc-gateway test CA");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(1),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), caName,
                caKeys.getPublic());
        caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = sign(caBuilder, caKeys);
        JcaX509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(caName,
                BigInteger.valueOf(random.nextInt(1, Integer.MAX_VALUE)), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=localhost"), serverKeys.getPublic());
        serverBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        serverBuilder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        serverBuilder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new TestTls(ca, serverKeys, sign(serverBuilder, caKeys));
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    /** The server's key and chain, for a server to listen with; the entry's password is {@link #PASSWORD}. */
    public KeyStore serverKeyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {server, ca});
        return store;
    }

    /** TLS for a client that trusts this test's CA and nothing else. */
    public SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), new SecureRandom());
        return context;
    }

    /** The CA certificate as a PEM file, for clients that read a CA bundle (Python's requests, curl). */
    public Path writeCaPem(Path file) throws Exception {
        Files.writeString(file, PemFiles.certificates(List.of(ca)));
        return file;
    }
}
