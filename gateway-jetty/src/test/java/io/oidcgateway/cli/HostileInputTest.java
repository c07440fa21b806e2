package io.oidcgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.TestCredentials;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input to the diagnostics: one line on stderr and exit 2, never a stack trace or an out-of-memory crash. */
class HostileInputTest {
    @TempDir
    Path dir;

    private static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String nested(int depth) {
        return "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private static void assertOneLineRefusal(CliProcess.Result r, String says) {
        assertEquals(Main.USAGE, r.exitCode(), r.toString());
        assertEquals("", r.stdout(), r.toString());
        assertEquals(1, r.stderr().strip().lines().count(), r.toString());
        assertTrue(r.stderr().contains(says), r.toString());
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception") || r.stderr().contains("Error:"),
                r.toString());
    }

    @Test
    void inspectWhenHeaderNested100000DeepThenRefusedInOneLine() throws Exception {
        String jwt = b64url(nested(100_000)) + "." + b64url("{\"iss\":\"x\"}") + ".c2ln";

        assertOneLineRefusal(CliProcess.run(dir, Map.of(), jwt, "assertion", "inspect", "-"), "bytes");
    }

    @Test
    void inspectWhenNestedDeeplyWithinTheSizeLimitThenRefusedInOneLine() throws Exception {
        String header = b64url(nested(20_000)) + "." + b64url("{\"iss\":\"x\"}") + ".c2ln";
        String claims = b64url("{\"alg\":\"RS256\"}") + "." + b64url(nested(40)) + ".c2ln";

        assertOneLineRefusal(CliProcess.run(dir, Map.of(), header, "assertion", "inspect", "-"), "levels deep");
        assertOneLineRefusal(CliProcess.run(dir, "assertion", "inspect", claims), "claims nests");
    }

    @Test
    void inspectWhen53MegabytesThenRefusedInOneLineWithoutReadingThemAll() throws Exception {
        String huge = "A".repeat(53 * 1024 * 1024);

        assertOneLineRefusal(CliProcess.run(dir, Map.of(), huge, "assertion", "inspect", "-"), "bytes");
    }

    @Test
    void certShowWhenTheFileIsHugeThenRefusedInOneLine() throws Exception {
        Path huge = dir.resolve("huge.pem");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(53L * 1024 * 1024);
        }

        assertOneLineRefusal(CliProcess.run(dir, "cert", "show", "huge.pem"), "is at most");
    }

    @Test
    void certShowWhenTheManifestIsNestedDeeplyThenRefusedInOneLine() throws Exception {
        Files.writeString(dir.resolve("client.crt"),
                PemFiles.certificates(TestCredentials.create(KeyType.RSA2048, "CN=m").chain()));
        Files.writeString(dir.resolve("manifest.json"), "{\"keyCredentials\":" + nested(50_000) + "}");

        assertOneLineRefusal(CliProcess.run(dir, "cert", "show", "client.crt", "--manifest", "manifest.json"),
                "levels deep");
    }
}
