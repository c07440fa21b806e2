package io.oidcgateway.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Main code stays readable in small pieces: no class file over 300 lines, and no method over
 * 40 lines unless the comment above it says why it is long (the word "long" in it).
 */
class SourceSizeTest {
    static final int MAX_CLASS_LINES = 300;
    static final int MAX_METHOD_LINES = 40;
    static final List<Path> MAIN_SOURCES = List.of(Path.of("src/main/java"), Path.of("../gateway-core/src/main/java"));
    /** A method or constructor declared at a class member's indentation (4 or 8 spaces). */
    static final Pattern METHOD = Pattern.compile(
            "^( {4}| {8})(public |protected |private |static |final |synchronized |default )*"
                    + "(<[^>]+> )?[A-Za-z][\\w<>\\[\\]?, .]* \\w+\\([^;]*|^( {4}| {8})(public |protected |private )?[A-Z]\\w*\\([^;]*");

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : MAIN_SOURCES) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        assertTrue(files.size() > 50, "found the sources: " + files.size());
        return files;
    }

    @Test
    void noClassOver300Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : sources()) {
            long lines = Files.readAllLines(file).size();
            if (lines > MAX_CLASS_LINES) {
                tooLong.add(file + " (" + lines + " lines)");
            }
        }
        assertEquals(List.of(), tooLong);
    }

    @Test
    void noMethodOver40LinesWithoutSayingWhy() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!METHOD.matcher(line).matches() || line.contains(" new ") || line.contains(" = ")
                        || line.trim().matches("(return|throw|else|case|if|for|while|switch|try|catch)\\b.*")) {
                    continue;
                }
                String indent = line.substring(0, line.indexOf(line.trim()));
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).equals(indent + "}")) {
                    end++;
                }
                int length = end - i + 1;
                if (end < lines.size() && length > MAX_METHOD_LINES && !explained(lines, i)) {
                    tooLong.add(file.getFileName() + ":" + (i + 1) + " " + line.trim() + " (" + length + " lines)");
                }
            }
        }
        assertEquals(List.of(), tooLong);
    }

    /** The comment right above the method (javadoc or //) says why it is long. */
    private static boolean explained(List<String> lines, int method) {
        for (int i = method - 1; i >= 0; i--) {
            String l = lines.get(i).trim();
            boolean comment = l.startsWith("*") || l.startsWith("/**") || l.startsWith("//") || l.startsWith("@");
            if (!comment) {
                return false;
            }
            if (l.toLowerCase().contains("long")) {
                return true;
            }
        }
        return false;
    }
}
