package io.oidcgateway.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} options and plain arguments of one command; anything unexpected is a usage error. */
record Options(Map<String, String> values, List<String> arguments) {

    static Options parse(List<String> args, List<String> allowed) throws UsageException {
        return parse(args, allowed, 0);
    }

    static Options parse(List<String> args, List<String> allowed, int maxArguments) throws UsageException {
        Map<String, String> values = new HashMap<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (arguments.size() >= maxArguments) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                arguments.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option '" + name + "'"
                        + (allowed.isEmpty() ? "" : "; this command takes " + String.join(", ", allowed)));
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(++i);
            }
            values.put(name, value);
        }
        return new Options(Map.copyOf(values), List.copyOf(arguments));
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String argument(String what) throws UsageException {
        if (arguments.isEmpty()) {
            throw new UsageException("missing " + what);
        }
        return arguments.get(0);
    }
}
