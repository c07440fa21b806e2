package io.oidcgateway.cli;

import java.io.Console;
import java.util.Map;
import java.util.Optional;

/** Where a command's password comes from: an environment variable named by the user, or a prompt that does not echo. */
final class Passwords {
    private final Map<String, String> env;
    private final Optional<Console> console;

    Passwords(Map<String, String> env, Optional<Console> console) {
        this.env = env;
        this.console = console;
    }

    char[] read(Optional<String> envName, String prompt, boolean confirm) throws UsageException {
        if (envName.isPresent()) {
            String value = env.get(envName.get());
            if (value == null || value.isEmpty()) {
                throw new UsageException("the environment variable " + envName.get() + " named by --password-env is not set");
            }
            return value.toCharArray();
        }
        Console terminal = console.orElseThrow(() -> new UsageException(
                "no terminal to ask for the password: pass --password-env NAME with the password in $NAME"));
        char[] first = terminal.readPassword("%s: ", prompt);
        if (confirm) {
            char[] second = terminal.readPassword("%s (again): ", prompt);
            if (!java.util.Arrays.equals(first, second)) {
                throw new UsageException("the two passwords differ");
            }
        }
        return first;
    }
}
