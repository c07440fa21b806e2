package io.oidcgateway.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the CLI as its own process, as a user would, and captures exit code and output. */
public final class CliProcess {
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private CliProcess() {
    }

    public static Result run(Path workDir, Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // What the packaged jar's manifest grants (oidc.pkcs11.token-label reads token labels).
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(env);
        File out = Files.createTempFile("cli-out", ".txt").toFile();
        File err = Files.createTempFile("cli-err", ".txt").toFile();
        builder.redirectOutput(out).redirectError(err);
        Process process = builder.start();
        // From another thread: a command may stop reading (a refused oversized input) and exit first.
        Thread feeder = new Thread(() -> {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException e) {
                // the command closed its standard input: what it read is what it got
            }
        }, "cli-stdin");
        feeder.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the CLI did not finish within 60 s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            // Every run made two files in the system's temp directory and left them there (thousands per build).
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    public static Result run(Path workDir, String... args) throws Exception {
        return run(workDir, Map.of(), "", args);
    }
}
