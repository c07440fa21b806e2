package io.oidcgateway.cli;

import java.util.Map;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.ConfigException;
import io.oidcgateway.clientauth.ClientKeyLoader;
import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyMaterialException;
import io.oidcgateway.clientauth.KeyMaterialLoader;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import io.oidcgateway.diagnostics.CertificateFacts;
import io.oidcgateway.diagnostics.EntraManifestCheck;
import io.oidcgateway.diagnostics.Finding;
import io.oidcgateway.diagnostics.InputBounds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** {@code cert new} creates a client key and certificate; {@code cert show} explains an existing one. */
final class CertCommand {
    static final String DEFAULT_SUBJECT = "CN=oidc-gateway";
    static final int DEFAULT_DAYS = 365;

    private final PrintStream out;
    private final Clock clock;
    private final Passwords passwords;
    private final Map<String, String> env;

    CertCommand(PrintStream out, Clock clock, Passwords passwords, Map<String, String> env) {
        this.out = out;
        this.clock = clock;
        this.passwords = passwords;
        this.env = env;
    }

    int run(List<String> args) throws UsageException, ConfigException {
        if (args.isEmpty()) {
            throw new UsageException("cert needs a subcommand: new or show");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "new" -> create(Options.parse(rest, List.of("--subject", "--days", "--key", "--out", "--password-env")));
            case "show" -> show(Options.parse(rest, List.of("--password-env", "--manifest", "--config"), 1));
            default -> throw new UsageException("unknown cert subcommand '" + args.get(0) + "'; use new or show");
        };
    }

    private int create(Options options) throws UsageException {
        KeyType type = KeyType.fromCliName(options.get("--key").orElse(KeyType.RSA2048.cliName()))
                .orElseThrow(() -> new UsageException("--key takes rsa2048, rsa3072 or ec256"));
        int days = parseDays(options.get("--days").orElse(String.valueOf(DEFAULT_DAYS)));
        String subject = options.get("--subject").orElse(DEFAULT_SUBJECT);
        Path dir = Path.of(options.get("--out").orElse("config"));
        Path crt = dir.resolve("client.crt");
        Path key = dir.resolve("client.key");
        Path p12 = dir.resolve("client.p12");
        for (Path existing : List.of(crt, key, p12)) {
            if (Files.exists(existing)) {
                throw new UsageException(existing + " exists; choose another --out or move it away"
                        + " (a new key replaces the certificate registered at the IdP)");
            }
        }
        char[] password = passwords.read(options.get("--password-env"), "Password for client.p12", true);
        ClientCredentials credentials;
        try {
            credentials = new SelfSignedCertificates(clock, new SecureRandom())
                    .create(type, subject, Duration.ofDays(days), crt.toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--subject '" + subject + "' is not an X.500 name; write it like CN=my-app,O=Example");
        }
        write(dir, credentials, password);
        out.println("Wrote " + key + " (private key, PKCS#8 PEM, readable by you only), " + crt + " (certificate, PEM)"
                + " and " + p12 + " (both, PKCS#12).");
        out.println("Upload " + crt + " to the IdP (Entra: the app's Certificates & secrets); keep the key here.");
        out.println();
        describe(credentials.certificate());
        out.println();
        out.println("For config/gateway.properties:");
        out.println("oidc.client-auth=private_key_jwt");
        out.println("oidc.client-certificate=" + relativeToConfig(crt));
        out.println("oidc.client-key=" + relativeToConfig(key));
        if (type == KeyType.EC256) {
            out.println("oidc.assertion.alg=ES256");
        }
        return Main.OK;
    }

    private static void write(Path dir, ClientCredentials credentials, char[] password) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("client.crt"), PemFiles.certificates(credentials.chain()),
                    StandardCharsets.US_ASCII);
            PemFiles.writePrivate(dir.resolve("client.key"), PemFiles.pkcs8(credentials.privateKey()));
            writePkcs12(dir.resolve("client.p12"), credentials, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write into " + dir + ": " + e.getMessage(), e);
        }
    }

    private int show(Options options) throws UsageException, ConfigException {
        X509Certificate cert = options.get("--config").isPresent() ? configured(Path.of(options.get("--config").get()))
                : read(Path.of(options.argument("a certificate file: ./run.sh cert show FILE, or --config FILE")),
                        options);
        // Read before anything is printed, so a refused manifest leaves one line, not half a report.
        List<Finding> manifestFindings = options.get("--manifest").isPresent()
                ? manifestFindings(Path.of(options.get("--manifest").get()), cert) : List.of();
        CertificateFacts facts = describe(cert);
        List<Finding> findings = new ArrayList<>();
        if (facts.expired(clock.instant())) {
            findings.add(Finding.error("The certificate expired on " + facts.notAfter(),
                    "AADSTS700027 (Entra no longer accepts assertions signed with it)",
                    "Create a new one with './run.sh cert new' and upload it before removing this one."));
        } else if (facts.expiresSoon(clock.instant())) {
            findings.add(Finding.warn("The certificate expires on " + facts.notAfter() + ", within "
                    + CertificateFacts.EXPIRY_WARNING.toDays() + " days", null,
                    "Create the next one with './run.sh cert new' and upload it now; the IdP accepts both."));
        }
        findings.addAll(manifestFindings);
        if (!findings.isEmpty()) {
            out.println();
            Findings.print(out, findings);
        }
        return Findings.hasErrors(findings) ? Main.PROBLEMS : Main.OK;
    }

    private static List<Finding> manifestFindings(Path manifest, X509Certificate cert) throws UsageException {
        try {
            checkSize(manifest, InputBounds.MAX_MANIFEST_BYTES, "an app manifest");
            return EntraManifestCheck.check(Files.readString(manifest), cert);
        } catch (IOException e) {
            throw new UsageException("cannot read the manifest " + manifest + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw UsageException.refusedInput(manifest + ": " + e.getMessage());
        }
    }

    /** The certificate the gateway would send: from the configured files, key store or PKCS#11 token. */
    private X509Certificate configured(Path config) throws UsageException, ConfigException {
        ClientKeyLoader keys = new ClientKeyLoader(clock);
        GatewayConfig loaded = new ConfigLoader(env).checkedBy(keys).load(config);
        return keys.load(loaded.oidc()).orElseThrow(() -> new UsageException(config + " configures a client secret,"
                + " not a certificate (oidc.client-auth)")).current().certificate();
    }

    private X509Certificate read(Path file, Options options) throws UsageException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("file not found: " + file);
        }
        checkSize(file, KeyMaterialLoader.MAX_FILE_BYTES, "a certificate or keystore file");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks")) {
            char[] password = passwords.read(options.get("--password-env"), "Password for " + file.getFileName(), false);
            try {
                KeyStore store = KeyStore.getInstance(file.toFile(), password);
                for (String alias : Collections.list(store.aliases())) {
                    Certificate c = store.getCertificate(alias);
                    if (c instanceof X509Certificate x509) {
                        return x509;
                    }
                }
                throw new UsageException(file + " holds no certificate");
            } catch (IOException | GeneralSecurityException e) {
                throw new UsageException(file + ": cannot open the keystore (wrong password, or not PKCS#12/JKS)");
            }
        }
        try {
            return KeyMaterialLoader.readCertificates(file).get(0);
        } catch (KeyMaterialException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void checkSize(Path file, long max, String what) throws UsageException {
        try {
            long size = Files.size(file);
            if (size > max) {
                throw UsageException.refusedInput(file + " is " + size + " bytes; " + what + " is at most " + max
                        + " (is it the right file?)");
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private CertificateFacts describe(X509Certificate cert) {
        CertificateFacts f = CertificateFacts.of(cert);
        out.println("Certificate   " + f.subject());
        out.println("  issuer      " + f.issuer() + (f.issuer().equals(f.subject()) ? " (self-signed)" : ""));
        out.println("  key         " + f.key());
        out.println("  serial      " + f.serial());
        out.println("  valid       " + f.notBefore() + " to " + f.notAfter());
        out.println("  SHA-1       " + f.sha1Hex() + "   (the thumbprint the Entra portal shows)");
        out.println("  SHA-256     " + f.sha256Hex());
        out.println("  x5t         " + f.x5t() + "   (JWT header: base64url of the SHA-1 bytes)");
        out.println("  x5t#S256    " + f.x5tS256() + "   (JWT header: base64url of the SHA-256 bytes)");
        out.println();
        out.println("Entra app manifest, keyCredentials entry (value = base64 of the DER, not of the PEM text):");
        out.println(f.entraKeyCredential(UUID.randomUUID()));
        return f;
    }

    private static void writePkcs12(Path file, ClientCredentials credentials, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", credentials.privateKey(), password,
                credentials.chain().toArray(Certificate[]::new));
        try (OutputStream o = Files.newOutputStream(file)) {
            store.store(o, password);
        }
        PemFiles.restrictToOwner(file);
    }

    private static int parseDays(String text) throws UsageException {
        try {
            int days = Integer.parseInt(text);
            if (days < 1 || days > 3650) {
                throw new NumberFormatException();
            }
            return days;
        } catch (NumberFormatException e) {
            throw new UsageException("--days takes a number of days from 1 to 3650");
        }
    }

    private static String relativeToConfig(Path file) {
        Path config = Path.of("config").toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        return target.startsWith(config) ? config.relativize(target).toString() : target.toString();
    }
}
