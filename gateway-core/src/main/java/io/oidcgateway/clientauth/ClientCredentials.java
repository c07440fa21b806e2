package io.oidcgateway.clientauth;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.X509Util;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * A private key and the certificate chain that proves it, as registered at the IdP.
 * Every thumbprint an IdP may ask for is computed here, once, from the certificate's DER.
 */
public final class ClientCredentials {
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final String source;
    private final String x5t;
    private final String x5tS256;
    private final String jwkThumbprint;

    /**
     * @param chain the client certificate first
     * @param source where the key came from, for messages (a file name, never key material)
     * @throws KeyMaterialException when the key does not belong to the first certificate
     */
    public ClientCredentials(PrivateKey privateKey, List<X509Certificate> chain, String source)
            throws KeyMaterialException {
        if (chain.isEmpty()) {
            throw new KeyMaterialException(source + ": no certificate found");
        }
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.source = source;
        requireKeyMatchesCertificate();
        X509Certificate cert = chain.get(0);
        this.x5t = X509Util.x5t(cert);
        this.x5tS256 = X509Util.x5tS256(cert);
        try {
            this.jwkThumbprint = PublicJsonWebKey.Factory.newPublicJwk(cert.getPublicKey())
                    .calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (JoseException e) {
            throw new KeyMaterialException(source + ": unsupported public key type " + cert.getPublicKey().getAlgorithm());
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public String source() {
        return source;
    }

    /** {@code x5t}: base64url of the SHA-1 of the certificate's DER (what Entra ID matches). */
    public String x5t() {
        return x5t;
    }

    /** {@code x5t#S256}: base64url of the SHA-256 of the certificate's DER. */
    public String x5tS256() {
        return x5tS256;
    }

    /** RFC 7638 thumbprint of the public key, used as {@code kid}. */
    public String jwkThumbprint() {
        return jwkThumbprint;
    }

    /** The SHA-1 thumbprint as upper-case hex: what the Entra portal shows next to an uploaded certificate. */
    public String sha1Hex() {
        return Thumbprints.hex(certificate(), "SHA-1");
    }

    private void requireKeyMatchesCertificate() throws KeyMaterialException {
        X509Certificate cert = chain.get(0);
        String keyAlg = privateKey.getAlgorithm();
        String certAlg = cert.getPublicKey().getAlgorithm();
        if (!keyAlg.equals(certAlg)) {
            throw new KeyMaterialException(source + ": the private key is " + keyAlg + " but the certificate ("
                    + cert.getSubjectX500Principal().getName() + ") holds an " + certAlg
                    + " key; configure the key that was used to create this certificate");
        }
        // Signing a challenge is the one check that works the same for RSA and EC keys.
        String sigAlg = "EC".equals(keyAlg) ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(sigAlg);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(sigAlg);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw new KeyMaterialException(source + ": the private key does not belong to the certificate "
                        + cert.getSubjectX500Principal().getName() + " (SHA-1 " + Thumbprints.hex(cert, "SHA-1")
                        + "); configure the key that was used to create this certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(source + ": cannot use the private key: " + e.getClass().getSimpleName());
        }
    }

    /** The DER of the client certificate. */
    public byte[] certificateDer() {
        try {
            return certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    @Override
    public String toString() {
        return "ClientCredentials[subject=" + certificate().getSubjectX500Principal().getName()
                + ", x5t=" + x5t + ", source=" + source + "]";
    }
}
