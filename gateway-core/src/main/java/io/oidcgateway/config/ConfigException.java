package io.oidcgateway.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a configuration, reported together. */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
