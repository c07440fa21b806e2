package io.oidcgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's own contract: --help lists every command, and mistakes exit 2 with a clear message. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndExits0() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "--help");

        assertEquals(0, r.exitCode(), r.toString());
        for (String command : List.of("run [--config FILE]", "cert new", "cert show FILE", "assertion inspect",
                "check [--config FILE]", "test")) {
            assertTrue(r.stdout().contains(command), command + " missing from:\n" + r.stdout());
        }
    }

    @Test
    void unknownCommandOrOptionThenUsageErrorExit2() throws Exception {
        CliProcess.Result command = CliProcess.run(dir, "serve");
        CliProcess.Result option = CliProcess.run(dir, "run", "--port", "80");

        assertEquals(2, command.exitCode(), command.toString());
        assertTrue(command.stderr().contains("unknown command 'serve'"), command.stderr());
        assertEquals(2, option.exitCode(), option.toString());
        assertTrue(option.stderr().contains("unknown option '--port'"), option.stderr());
    }

    @Test
    void runWhenConfigurationBrokenThenEveryProblemAtOnceExit2WithoutStackTraceOrSecret() throws Exception {
        Files.writeString(dir.resolve("bad.properties"), String.join("\n",
                "oidc.issuer=https://login.microsoftonline.com/common/v2.0",
                "oidc.client-auth=client_secret_basic",
                "oidc.client-secret=Do-Not-Print-Me-123",
                "server.port=eighty",
                "session.ttl=forever"));

        CliProcess.Result r = CliProcess.run(dir, "run", "--config", "bad.properties");

        assertEquals(2, r.exitCode(), r.toString());
        for (String key : List.of("upstream.url", "oidc.issuer", "oidc.client-id", "server.port", "session.ttl")) {
            assertTrue(r.stderr().contains("  - " + key), key + " missing from:\n" + r.stderr());
        }
        assertFalse(r.all().contains("Do-Not-Print-Me-123"));
        assertFalse(r.all().contains("\tat "), r.toString());
    }

    @Test
    void runWhenThePortIsTakenThenExit2NamingTheKeyWithoutStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Files.writeString(dir.resolve("taken.properties"), String.join("\n",
                    "server.host=127.0.0.1",
                    "server.port=" + taken.getLocalPort(),
                    "server.warm-up=0",
                    "upstream.url=http://127.0.0.1:9",
                    "oidc.issuer=http://127.0.0.1:9",
                    "oidc.client-id=c",
                    "oidc.client-auth=client_secret_post",
                    "oidc.client-secret=s"));

            CliProcess.Result r = CliProcess.run(dir, "run", "--config", "taken.properties");

            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("server.port") && r.stderr().contains("cannot listen"), r.stderr());
            assertFalse(r.all().contains("\tat "), r.toString());
        }
    }
}
