package io.oidcgateway.clientauth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Creates a key pair and a self-signed client certificate, the way Entra ID and Keycloak accept them. */
public final class SelfSignedCertificates {
    private final Clock clock;
    private final SecureRandom random;

    public SelfSignedCertificates(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * @param subject an X.500 name such as {@code CN=my-app}
     * @throws IllegalArgumentException when the subject is not a valid X.500 name
     */
    public ClientCredentials create(KeyType type, String subject, Duration validity, String source) {
        try {
            KeyPair pair = generate(type);
            X500Name name = new X500Name(subject);
            // Back-dated a little so a freshly made certificate is valid on an IdP whose clock runs behind.
            Instant notBefore = clock.instant().minus(Duration.ofMinutes(5));
            Instant notAfter = clock.instant().plus(validity);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, new BigInteger(127, random).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(type.certificateSignature()).build(pair.getPrivate())));
            return new ClientCredentials(pair.getPrivate(), List.of(cert), source);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException | KeyMaterialException e) {
            throw new IllegalStateException("cannot create a " + type.cliName() + " certificate: " + e.getMessage(), e);
        }
    }

    private KeyPair generate(KeyType type) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm());
        if ("EC".equals(type.algorithm())) {
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        } else {
            generator.initialize(type.size(), random);
        }
        return generator.generateKeyPair();
    }
}
