package io.oidcgateway.diagnostics;

import io.oidcgateway.clientauth.Thumbprints;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Is this certificate registered in an Entra app manifest? Also catches the upload of
 * base64 of the PEM text where Entra wants base64 of the DER.
 */
public final class EntraManifestCheck {
    private EntraManifestCheck() {
    }

    /**
     * @param manifest an app manifest (with {@code keyCredentials}) or the {@code keyCredentials} array itself
     * @throws IllegalArgumentException when the text is not such JSON
     */
    public static List<Finding> check(String manifest, X509Certificate cert) {
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
        String sha1 = Thumbprints.hex(cert, "SHA-1");
        List<Finding> findings = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean registered = false;
        List<Map<String, Object>> credentials = keyCredentials(manifest);
        for (int i = 0; i < credentials.size(); i++) {
            Map<String, Object> entry = credentials.get(i);
            Optional<List<Finding>> about = entryFindings("keyCredentials[" + i + "]", entry, der, sha1);
            if (about.isPresent()) {
                registered |= about.get().stream().anyMatch(f -> f.severity() == Severity.INFO);
                findings.addAll(about.get());
            } else {
                others.add(String.valueOf(entry.get("customKeyIdentifier")));
            }
        }
        if (!registered) {
            findings.add(Finding.error("The certificate (SHA-1 " + sha1 + ") is not registered in the manifest"
                            + (others.isEmpty() ? "" : "; it holds " + others),
                    "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found.]",
                    "Upload client.crt under Certificates & secrets, or add the keyCredentials entry that"
                            + " './run.sh cert show' prints."));
        }
        return findings;
    }

    /** What one entry says about this certificate: empty when the entry is about another one. */
    private static Optional<List<Finding>> entryFindings(String where, Map<String, Object> entry, byte[] der,
            String sha1) {
        String value = String.valueOf(entry.getOrDefault("value", entry.getOrDefault("key", "")));
        byte[] decoded = decode(value);
        String identifier = String.valueOf(entry.get("customKeyIdentifier"));
        if (decoded != null && new String(decoded, StandardCharsets.US_ASCII).startsWith("-----BEGIN")) {
            return Optional.of(List.of(Finding.error(where + ".value is base64 of the PEM text, not of the"
                            + " certificate's DER",
                    "Entra cannot read the certificate, so assertions signed with it fail with AADSTS700027.",
                    "Use \"value\": \"" + Base64.getEncoder().encodeToString(der)
                            + "\" (or upload client.crt in the portal instead).")));
        }
        if (decoded == null || !Arrays.equals(decoded, der)) {
            return Optional.empty();
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("registered as " + where + " (keyId " + entry.get("keyId") + ", until "
                + entry.get("endDate") + ")"));
        if (!sha1.equalsIgnoreCase(identifier) && entry.get("customKeyIdentifier") != null) {
            findings.add(Finding.warn(where + ".customKeyIdentifier " + identifier
                    + " is not the certificate's SHA-1 thumbprint " + sha1, null,
                    "Set \"customKeyIdentifier\": \"" + sha1 + "\"."));
        }
        return Optional.of(findings);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> keyCredentials(String manifest) {
        String text = manifest.strip();
        try {
            InputBounds.checkJsonDepth(text, "the manifest");
            Map<String, Object> json = JsonUtil.parseJson(text.startsWith("[") ? "{\"keyCredentials\":" + text + "}" : text);
            Object list = json.get("keyCredentials");
            if (!(list instanceof List<?> items)) {
                throw new IllegalArgumentException("the manifest has no keyCredentials array");
            }
            return (List<Map<String, Object>>) items;
        } catch (JoseException | ClassCastException e) {
            throw new IllegalArgumentException("not an Entra app manifest or keyCredentials array: " + e.getMessage());
        } catch (OversizedInputException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
