package io.oidcgateway.diagnostics;

import io.oidcgateway.clientauth.Thumbprints;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.jose4j.keys.X509Util;

/** What a person needs to know about a client certificate, and what to paste where. */
public record CertificateFacts(
        String subject,
        String issuer,
        String serial,
        String key,
        Instant notBefore,
        Instant notAfter,
        String sha1Hex,
        String sha256Hex,
        String x5t,
        String x5tS256,
        String derBase64) {

    /** A certificate this close to its end gets a warning. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    /** A certificate this close to its end fails {@code check}: a week is the least time to get a new one registered. */
    public static final Duration EXPIRY_FAILURE = Duration.ofDays(7);

    public static CertificateFacts of(X509Certificate cert) {
        try {
            return new CertificateFacts(
                    cert.getSubjectX500Principal().getName(),
                    cert.getIssuerX500Principal().getName(),
                    cert.getSerialNumber().toString(16),
                    describeKey(cert),
                    cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant(),
                    Thumbprints.hex(cert, "SHA-1"),
                    Thumbprints.hex(cert, "SHA-256"),
                    X509Util.x5t(cert),
                    X509Util.x5tS256(cert),
                    Base64.getEncoder().encodeToString(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }

    private static String describeKey(X509Certificate cert) {
        if (cert.getPublicKey() instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if (cert.getPublicKey() instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        return cert.getPublicKey().getAlgorithm();
    }

    public boolean expired(Instant now) {
        return now.isAfter(notAfter);
    }

    public boolean expiresSoon(Instant now) {
        return expiresWithin(now, EXPIRY_WARNING);
    }

    public boolean expiresWithin(Instant now, Duration window) {
        return !expired(now) && now.plus(window).isAfter(notAfter);
    }

    /** The entry for the {@code keyCredentials} array of an Entra app manifest: value is base64 of the DER. */
    public String entraKeyCredential(UUID keyId) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("customKeyIdentifier", sha1Hex);
        entry.put("endDate", notAfter.toString());
        entry.put("keyId", keyId.toString());
        entry.put("startDate", notBefore.toString());
        entry.put("type", "AsymmetricX509Cert");
        entry.put("usage", "Verify");
        entry.put("value", derBase64);
        entry.put("displayName", subject);
        return JsonUtil.toJson(entry);
    }
}
