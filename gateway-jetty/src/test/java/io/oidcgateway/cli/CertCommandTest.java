package io.oidcgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyMaterialLoader;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertCommandTest {
    static final Map<String, String> PASSWORD = Map.of("P12_PASSWORD", "correct horse battery");

    @TempDir
    Path dir;

    private static String line(String output, String label) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(label) + "\\s+(\\S+)").matcher(output);
        assertTrue(m.find(), "no '" + label + "' line in:\n" + output);
        return m.group(1);
    }

    private CliProcess.Result certNew(String... extra) throws Exception {
        String[] args = new String[5 + extra.length];
        args[0] = "cert";
        args[1] = "new";
        args[2] = "--out";
        args[3] = dir.toString();
        args[4] = "--password-env=P12_PASSWORD";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CliProcess.run(dir, PASSWORD, "", args);
    }

    @Test
    void certNewThenFilesAndThumbprintsMatchAnIndependentComputation() throws Exception {
        CliProcess.Result r = certNew("--subject", "CN=my-app", "--days", "730");

        assertEquals(0, r.exitCode(), r.toString());
        X509Certificate cert = KeyMaterialLoader.readCertificates(dir.resolve("client.crt")).get(0);
        byte[] der = cert.getEncoded();
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der)).toUpperCase(Locale.ROOT);
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        assertEquals(sha1, line(r.stdout(), "SHA-1"));
        assertEquals(b64url.encodeToString(MessageDigest.getInstance("SHA-1").digest(der)), line(r.stdout(), "x5t"));
        assertEquals(b64url.encodeToString(MessageDigest.getInstance("SHA-256").digest(der)),
                line(r.stdout(), "x5t#S256"));
        assertTrue(r.stdout().contains("\"value\":\"" + Base64.getEncoder().encodeToString(der) + "\""), r.stdout());
        assertTrue(r.stdout().contains("\"customKeyIdentifier\":\"" + sha1 + "\""));
        assertTrue(r.stdout().contains("\"type\":\"AsymmetricX509Cert\"") && r.stdout().contains("\"usage\":\"Verify\""));
        assertTrue(r.stdout().contains("oidc.client-certificate=") && r.stdout().contains("oidc.client-key="));
        assertEquals("CN=my-app", cert.getSubjectX500Principal().getName());
        long days = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
        assertTrue(days >= 729 && days <= 731, "validity " + days);

        ClientCredentials pem = KeyMaterialLoader.fromPem(dir.resolve("client.crt"), dir.resolve("client.key"));
        assertTrue(Files.readString(dir.resolve("client.key")).startsWith("-----BEGIN " + "PRIVATE KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("client.key"))));
        ClientCredentials p12 = KeyMaterialLoader.fromKeyStore(dir.resolve("client.p12"), "correct horse battery".toCharArray());
        assertEquals(pem.x5t(), p12.x5t());
        assertFalse(r.all().contains("correct horse battery"), "the password is never echoed");
    }

    @Test
    void certNewThenOpensslAgreesWhereInstalled() throws Exception {
        certNew();
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "x509", "-in", dir.resolve("client.crt").toString(), "-noout",
                    "-fingerprint", "-sha1").redirectErrorStream(true).start();
        } catch (java.io.IOException notInstalled) {
            return;
        }
        String fingerprint = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, openssl.waitFor());
        String shown = CliProcess.run(dir, "cert", "show", "client.crt").stdout();
        assertEquals(fingerprint.replaceAll(".*=", "").replace(":", "").strip(), line(shown, "SHA-1"));
    }

    @Test
    void certNewWhenEc256ThenEcKeyAndEs256Advice() throws Exception {
        CliProcess.Result r = certNew("--key", "ec256");

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("EC", KeyMaterialLoader.readPrivateKey(dir.resolve("client.key")).getAlgorithm());
        assertTrue(r.stdout().contains("oidc.assertion.alg=ES256"));
    }

    @Test
    void certNewWhenFilesExistThenUsageErrorAndNothingOverwritten() throws Exception {
        Files.writeString(dir.resolve("client.key"), "keep me");

        CliProcess.Result r = certNew();

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("client.key exists"), r.stderr());
        assertEquals("keep me", Files.readString(dir.resolve("client.key")));
    }

    @Test
    void certNewWhenNoPasswordSourceAndNoTerminalThenUsageError() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "cert", "new", "--out", dir.toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("--password-env"), r.stderr());
        assertFalse(Files.exists(dir.resolve("client.key")));
    }

    @Test
    void certNewWhenBadOptionsThenUsageErrors() throws Exception {
        assertEquals(2, certNew("--key", "dsa1024").exitCode());
        assertEquals(2, certNew("--days", "forever").exitCode());
        assertEquals(2, certNew("--subject", "not a name").exitCode());
        assertEquals(2, CliProcess.run(dir, "cert", "renew").exitCode());
    }

    @Test
    void certShowWhenPemDerOrPkcs12ThenSameThumbprints() throws Exception {
        certNew();
        X509Certificate cert = KeyMaterialLoader.readCertificates(dir.resolve("client.crt")).get(0);
        Files.write(dir.resolve("client.der"), cert.getEncoded());

        String pem = line(CliProcess.run(dir, "cert", "show", "client.crt").stdout(), "SHA-1");
        String der = line(CliProcess.run(dir, "cert", "show", "client.der").stdout(), "SHA-1");
        CliProcess.Result p12 = CliProcess.run(dir, PASSWORD, "", "cert", "show", "client.p12", "--password-env",
                "P12_PASSWORD");

        assertEquals(pem, der);
        assertEquals(0, p12.exitCode(), p12.toString());
        assertEquals(pem, line(p12.stdout(), "SHA-1"));
    }

    private Path certificateValidUntil(Instant notAfter, String name) throws Exception {
        Clock past = Clock.fixed(notAfter.minus(Duration.ofDays(100)), ZoneOffset.UTC);
        ClientCredentials c = new SelfSignedCertificates(past, new SecureRandom())
                .create(KeyType.RSA2048, "CN=" + name, Duration.ofDays(100), name);
        Path file = dir.resolve(name + ".crt");
        Files.writeString(file, PemFiles.certificates(c.chain()));
        return file;
    }

    @Test
    void certShowWhenExpiredThenErrorExit1AndWhenExpiringSoonThenWarning() throws Exception {
        Path expired = certificateValidUntil(Instant.now().minus(Duration.ofDays(2)), "old");
        Path soon = certificateValidUntil(Instant.now().plus(Duration.ofDays(10)), "soon");

        CliProcess.Result e = CliProcess.run(dir, "cert", "show", expired.toString());
        CliProcess.Result s = CliProcess.run(dir, "cert", "show", soon.toString());

        assertEquals(1, e.exitCode(), e.toString());
        assertTrue(e.stdout().contains("ERROR  The certificate expired"), e.stdout());
        assertEquals(0, s.exitCode(), s.toString());
        assertTrue(s.stdout().contains("WARN   The certificate expires on"), s.stdout());
    }

    @Test
    void certShowWithManifestThenRegisteredOrNotAndTheSeedsPemUploadCaught() throws Exception {
        certNew();
        X509Certificate cert = KeyMaterialLoader.readCertificates(dir.resolve("client.crt")).get(0);
        String der64 = Base64.getEncoder().encodeToString(cert.getEncoded());
        String pem64 = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("client.crt")));
        Files.writeString(dir.resolve("good.json"), "{\"keyCredentials\":[{\"keyId\":\"k1\",\"type\":\"AsymmetricX509Cert\","
                + "\"usage\":\"Verify\",\"value\":\"" + der64 + "\"}]}");
        Files.writeString(dir.resolve("pem.json"), "[{\"customKeyIdentifier\":\"3BC87980310C490A62AA5F6343D4C55DF8EBBA85\","
                + "\"type\":\"AsymmetricX509Cert\",\"usage\":\"Verify\",\"value\":\"" + pem64 + "\"}]");
        Files.writeString(dir.resolve("other.json"), "{\"keyCredentials\":[{\"customKeyIdentifier\":\"AB\",\"value\":\""
                + Base64.getEncoder().encodeToString("other".getBytes()) + "\"}]}");

        CliProcess.Result good = CliProcess.run(dir, "cert", "show", "client.crt", "--manifest", "good.json");
        CliProcess.Result pem = CliProcess.run(dir, "cert", "show", "client.crt", "--manifest", "pem.json");
        CliProcess.Result other = CliProcess.run(dir, "cert", "show", "client.crt", "--manifest", "other.json");

        assertEquals(0, good.exitCode(), good.toString());
        assertTrue(good.stdout().contains("registered as keyCredentials[0] (keyId k1"), good.stdout());
        assertEquals(1, pem.exitCode(), pem.toString());
        assertTrue(pem.stdout().contains("value is base64 of the PEM text"), pem.stdout());
        assertTrue(pem.stdout().contains(der64), "the fix gives the right value");
        assertEquals(1, other.exitCode(), other.toString());
        assertTrue(other.stdout().contains("is not registered in the manifest"), other.stdout());
    }
}
