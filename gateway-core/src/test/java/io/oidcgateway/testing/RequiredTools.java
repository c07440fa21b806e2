package io.oidcgateway.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Skips a test on a developer's machine without the Debian package it needs; in CI, which installs it, fails. */
public final class RequiredTools {
    private RequiredTools() {
    }

    /** @param files programs on the PATH (a bare name) or files (an absolute path) */
    public static void require(String debianPackages, String... files) {
        require(Stream.of(files).allMatch(RequiredTools::present), String.join(", ", files), debianPackages);
    }

    /** @param installed what the caller found out (a binary, a Python module) */
    public static void require(boolean installed, String what, String debianPackages) {
        if (!installed && System.getenv("CI") != null) {
            throw new AssertionError(what + " not installed; .ci/run installs Debian's " + debianPackages);
        }
        Assumptions.assumeTrue(installed, what + " not installed (apt-get install " + debianPackages + ")");
    }

    private static boolean present(String file) {
        if (file.startsWith("/")) {
            return Files.isRegularFile(Path.of(file));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, file)).anyMatch(Files::isExecutable);
    }
}
