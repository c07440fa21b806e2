package io.oidcgateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw text of each key after environment overrides and {@code ${env:NAME}} /
 * {@code ${file:PATH}} references are applied. Problems are added to the caller's list.
 */
final class ConfigValues {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private final Map<String, String> values = new HashMap<>();
    private final Path baseDir;

    ConfigValues(Map<String, String> properties, Map<String, String> env, Path baseDir, List<ConfigProblem> problems) {
        this.baseDir = baseDir;
        java.util.Set<String> keys = new java.util.TreeSet<>(ConfigKeys.ALL);
        for (String key : properties.keySet()) {
            if (ConfigKeys.known(key)) {
                keys.add(key);
            } else {
                problems.add(new ConfigProblem(key, null, "unknown key" + suggestion(key)
                        + "; README lists every key"));
            }
        }
        for (String key : keys) {
            String envName = ConfigKeys.envName(key);
            String raw = env.containsKey(envName) ? env.get(envName) : properties.get(key);
            if (raw == null) {
                continue;
            }
            expand(key, raw.trim(), env, problems).ifPresent(v -> values.put(key, v));
        }
    }

    /** Every key with a value whose name matches, such as the route keys. */
    java.util.List<String> keysMatching(java.util.regex.Pattern pattern) {
        return values.keySet().stream().filter(k -> pattern.matcher(k).matches()).sorted().toList();
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    /** Relative paths in the configuration are relative to the config file's folder. */
    Path resolvePath(String value) {
        return baseDir.resolve(value).normalize();
    }

    private Optional<String> expand(String key, String raw, Map<String, String> env, List<ConfigProblem> problems) {
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String replacement;
            if ("env".equals(m.group(1))) {
                replacement = env.get(m.group(2));
                if (replacement == null) {
                    problems.add(new ConfigProblem(key, m.group(), "environment variable " + m.group(2)
                            + " is not set; export it or change the reference"));
                    ok = false;
                    replacement = "";
                }
            } else {
                Path file = resolvePath(m.group(2));
                try {
                    replacement = Files.readString(file, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    problems.add(new ConfigProblem(key, m.group(), "cannot read " + file
                            + " (" + e.getClass().getSimpleName() + "); the path is relative to the config file's folder"));
                    ok = false;
                    replacement = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return ok ? Optional.of(out.toString()) : Optional.empty();
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = 4;
        for (String known : ConfigKeys.ALL) {
            int d = distance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
