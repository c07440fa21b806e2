package io.oidcgateway.cli;

import io.oidcgateway.config.ConfigException;
import io.oidcgateway.server.LogSetup;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line: picks the command and maps failures to the contract's exit codes. */
public final class Main {
    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;
    public static final String DEFAULT_CONFIG = "config/gateway.properties";

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;
    private final Optional<Console> console;
    private final Clock clock;

    public Main(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Optional<Console> console,
            Clock clock) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.console = console;
        this.clock = clock;
    }

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].equals("run") && !args[0].startsWith("-")) {
            // check, cert and assertion print their own lines; the demo IdP check starts says nothing below WARN.
            LogSetup.apply(LogSetup.COMMANDS);
        }
        System.exit(new Main(System.out, System.err, System.in, System.getenv(), Optional.ofNullable(System.console()),
                Clock.systemUTC()).run(args));
    }

    public int run(String[] args) {
        List<String> list = Arrays.asList(args);
        String command = "run";
        List<String> rest = list;
        if (!list.isEmpty() && (!list.get(0).startsWith("-") || List.of("--help", "-h").contains(list.get(0)))) {
            command = list.get(0);
            rest = list.subList(1, list.size());
        }
        try {
            return switch (command) {
                case "run" -> new RunCommand(env, clock, out).run(Options.parse(rest, List.of("--config")));
                case "cert" -> new CertCommand(out, clock, new Passwords(env, console), env).run(rest);
                case "assertion" -> new AssertionCommand(out, in, clock).run(rest);
                case "check" -> new CheckCommand(out, env, clock).run(rest);
                case "help", "--help", "-h" -> {
                    out.print(Usage.TEXT);
                    yield OK;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            if (e.pointToHelp()) {
                err.println("Run './run.sh --help' for the commands and options.");
            }
            return USAGE;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.println("Fix these in the config file (or the GATEWAY_* environment variables) and start again.");
            return USAGE;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return PROBLEMS;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // One line, never a stack trace; the message is left out, as a library's may quote a token or key.
            err.println("error: '" + command + "' failed unexpectedly (" + e.getClass().getSimpleName()
                    + "); please report it with the command line that caused it");
            return PROBLEMS;
        }
    }
}
