package io.oidcgateway.diagnostics;

import io.oidcgateway.clientauth.ThumbprintHeader;
import io.oidcgateway.clientauth.Thumbprints;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.keys.X509Util;

/** What {@code assertion inspect} says about an assertion's certificate thumbprint headers. */
final class ThumbprintFindings {
    private ThumbprintFindings() {
    }

    static void check(Map<String, Object> header, Optional<X509Certificate> certificate, List<Finding> findings) {
        Object x5t = header.get("x5t");
        Object x5tS256 = header.get("x5t#S256");
        if (x5t == null && x5tS256 == null && header.get("kid") == null) {
            String value = certificate.map(c -> ": \"x5t\": \"" + X509Util.x5t(c) + "\"")
                    .orElse(" (base64url of the SHA-1 of the certificate's DER; './run.sh cert show client.crt' prints it)");
            findings.add(Finding.error("The header has no x5t, x5t#S256 or kid, so the IdP cannot tell which"
                            + " certificate signed it",
                    "AADSTS5002723: Invalid JWT token. No certificate thumbprint nor keyId specified in token header.",
                    "Add x5t to the header" + value));
        }
        if (x5t != null) {
            checkThumbprint("x5t", String.valueOf(x5t), 20, certificate.map(c -> Thumbprints.bytes(c, "SHA-1")),
                    certificate.map(X509Util::x5t), findings);
        }
        if (x5tS256 != null) {
            checkThumbprint("x5t#S256", String.valueOf(x5tS256), 32,
                    certificate.map(c -> Thumbprints.bytes(c, "SHA-256")),
                    certificate.map(X509Util::x5tS256), findings);
        }
    }

    /**
     * Compared by decoded bytes, as Entra does: base64url with or without padding and standard
     * base64 are the same thumbprint (MSAL Python and msal4j send those); the spelling is an
     * INFO line. Only what Entra refuses is an ERROR: hex text, not base64, the wrong length,
     * another certificate's thumbprint.
     */
    private static void checkThumbprint(String name, String value, int bytes, Optional<byte[]> correct,
            Optional<String> correctText, List<Finding> findings) {
        ThumbprintHeader header = ThumbprintHeader.read(name, value);
        String fix = correctText.map(c -> "Use \"" + name + "\": \"" + c + "\"")
                .orElse("Pass --cert FILE to get the right value, or run './run.sh cert show FILE'");
        String keyNotFound = "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not"
                + " found., Thumbprint of key used by client: '" + header.decodedHex() + "']";
        Optional<String> hexText = header.hexText();
        if (hexText.isPresent()) {
            boolean itself = header.spelling() == ThumbprintHeader.Spelling.HEX_TEXT;
            findings.add(Finding.error(name + (itself ? " holds the thumbprint as hex text"
                            : " is base64url of the thumbprint's hex text ('" + hexText.get() + "')")
                            + "; it must be base64url of the " + bytes + " thumbprint bytes", keyNotFound,
                    fix + " (hex-decode the thumbprint first, then base64url encode the bytes)."));
            return;
        }
        if (header.bytes().isEmpty()) {
            findings.add(Finding.error(name + " is neither base64url nor base64", keyNotFound, fix + "."));
            return;
        }
        int length = header.bytes().get().length;
        if (length != bytes) {
            findings.add(Finding.error(name + " decodes to " + length + " bytes; a "
                    + (bytes == 20 ? "SHA-1" : "SHA-256") + " thumbprint has " + bytes, keyNotFound, fix + "."));
            return;
        }
        if (correct.isPresent() && !header.matches(correct.get())) {
            findings.add(Finding.error(name + " is the thumbprint of another certificate than the one given",
                    keyNotFound, fix + ", or sign with the key of the certificate uploaded to the IdP."));
            return;
        }
        if (header.spelling() != ThumbprintHeader.Spelling.BASE64URL) {
            findings.add(Finding.info(name + " is " + header.spelling().description() + "; Entra ID (and the demo"
                    + " IdP) compare the decoded bytes, so it is accepted. RFC 7515 asks for base64url without"
                    + " padding, which the gateway sends."));
        }
    }
}
