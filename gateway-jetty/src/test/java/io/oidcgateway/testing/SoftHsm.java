package io.oidcgateway.testing;

import io.oidcgateway.clientauth.ClientCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token of the test's own (Debian softhsm2), in a folder of its own: the gateway's
 * process finds it through {@code SOFTHSM2_CONF}. Keys are imported with OpenSC's pkcs11-tool as
 * sensitive and not extractable: from then on they sign inside the token only.
 */
public final class SoftHsm {
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String PIN = "1234";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private final Path dir;
    private final String tokenLabel;
    private final long slot;

    private SoftHsm(Path dir, String tokenLabel, long slot) {
        this.dir = dir;
        this.tokenLabel = tokenLabel;
        this.slot = slot;
    }

    /** Initialises a token labelled {@code tokenLabel} with user PIN {@link #PIN}. */
    public static SoftHsm create(Path dir, String tokenLabel) throws Exception {
        RequiredTools.require("softhsm2 opensc", "softhsm2-util", "pkcs11-tool", LIBRARY.toString());
        Files.createDirectories(dir.resolve("tokens"));
        Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + dir.resolve("tokens")
                + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        SoftHsm hsm = new SoftHsm(dir, tokenLabel, 0);
        String said = hsm.run("softhsm2-util", "--init-token", "--free", "--label", tokenLabel, "--pin", PIN,
                "--so-pin", "87654321");
        Matcher m = SLOT.matcher(said);
        if (!m.find()) {
            throw new IllegalStateException("softhsm2-util did not say the slot: " + said);
        }
        return new SoftHsm(dir, tokenLabel, Long.parseLong(m.group(1)));
    }

    /** Imports the key (sensitive, not extractable) and its certificate under one label and id. */
    public void importKey(ClientCredentials credentials, String label, String id) throws Exception {
        Path key = dir.resolve(label + ".key.der");
        Path cert = dir.resolve(label + ".crt.der");
        Files.write(key, credentials.privateKey().getEncoded());
        Files.write(cert, credentials.certificateDer());
        try {
            pkcs11Tool("--write-object", key.toString(), "--type", "privkey", "--label", label, "--id", id,
                    "--usage-sign", "--sensitive");
            pkcs11Tool("--write-object", cert.toString(), "--type", "cert", "--label", label, "--id", id);
        } finally {
            Files.deleteIfExists(key);
        }
    }

    /** What pkcs11-tool lists of the token's objects, attributes included. */
    public String objects() throws Exception {
        return pkcs11Tool("--list-objects");
    }

    public Map<String, String> env() {
        return Map.of("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString());
    }

    public String tokenLabel() {
        return tokenLabel;
    }

    public long slot() {
        return slot;
    }

    private String pkcs11Tool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", LIBRARY.toString(),
                "--token-label", tokenLabel, "--login", "--pin", PIN));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env());
        Process process = builder.start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + said);
        }
        return said;
    }
}
