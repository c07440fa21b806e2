package io.oidcgateway.http;

import io.oidcgateway.config.PathPrefixes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request path in the one form the gateway decides on, routes by and forwards: a path that
 * every server reads the same way. Its raw form (as sent, percent-encoded) and its decoded
 * form have the same segments, so a decision made on the decoded path holds for the raw path
 * the upstream receives.
 *
 * <p>A path that servers read differently is refused instead of being "fixed": dot segments,
 * empty segments ({@code //}), {@code ;} path parameters, backslashes, and the encoded forms
 * of {@code /}, {@code \}, {@code .}, {@code ;} and {@code %} (which a server that decodes
 * twice reads as another path). Browsers never send these for a link they followed; only
 * hand-made requests do. The rules follow Spring Security's {@code StrictHttpFirewall}.
 */
public final class RequestPath {
    /** The request attribute holding the parsed path, so every later step uses the one the filter judged. */
    public static final String ATTRIBUTE = RequestPath.class.getName();

    private final String raw;
    private final String decoded;

    private RequestPath(String raw, String decoded) {
        this.raw = raw;
        this.decoded = decoded;
    }

    /**
     * @param raw the path as sent in the request line, without the query string
     * @throws AmbiguousPathException naming what makes the path ambiguous
     */
    public static RequestPath parse(String raw) throws AmbiguousPathException {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            throw new AmbiguousPathException("does not start with '/'");
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        bytes.put((byte) '/');
        boolean encoded = false;
        int segmentStart = 1;
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '/') {
                checkSegment(raw, segmentStart, i);
                segmentStart = i + 1;
                bytes.put((byte) c);
            } else if (c == '%') {
                bytes.put(percentEncoded(raw, i));
                encoded = true;
                i += 2;
            } else {
                checkLiteral(c);
                bytes.put((byte) c);
            }
        }
        if (segmentStart < raw.length()) {
            checkSegment(raw, segmentStart, raw.length());
        }
        return new RequestPath(raw, encoded ? utf8(bytes) : raw);
    }

    /** The path as sent, percent-encoded: what the upstream receives. */
    public String raw() {
        return raw;
    }

    /** The percent-decoded path: what skip paths, routes and the gateway's own endpoints are matched on. */
    public String decoded() {
        return decoded;
    }

    /** Whether the path is {@code prefix} or below it, at whole segments: {@code /api} covers {@code /api/x}, not {@code /apix}. */
    public boolean isUnder(String prefix) {
        return PathPrefixes.under(decoded, prefix);
    }

    /**
     * The raw path without the segments of {@code prefix}, for a route that strips its prefix:
     * {@code /api/items} under {@code /api} is {@code /items}. Raw and decoded paths have the
     * same segments, so the cut is made by counting them.
     */
    public String rawWithout(String prefix) {
        if (prefix.equals("/")) {
            return raw;
        }
        int segments = (int) prefix.chars().filter(c -> c == '/').count();
        int cut = 0;
        for (int n = 0; n < segments && cut >= 0; n++) {
            cut = raw.indexOf('/', cut + 1);
        }
        return cut < 0 ? "/" : raw.substring(cut);
    }

    private static void checkSegment(String raw, int start, int end) throws AmbiguousPathException {
        int length = end - start;
        if (length == 0) {
            throw new AmbiguousPathException("has an empty segment ('//')");
        }
        if ((length == 1 && raw.charAt(start) == '.') || (length == 2 && raw.startsWith("..", start))) {
            throw new AmbiguousPathException("has a dot segment ('" + raw.substring(start, end) + "')");
        }
    }

    private static void checkLiteral(char c) throws AmbiguousPathException {
        if (c <= 0x20 || c >= 0x7f) {
            throw new AmbiguousPathException("has a space, control or non-ASCII character that is not percent-encoded");
        }
        if (c == '\\') {
            throw new AmbiguousPathException("has a backslash, which some servers read as '/'");
        }
        if (c == ';') {
            throw new AmbiguousPathException("has a ';' path parameter, which servers strip or keep differently");
        }
    }

    private static byte percentEncoded(String raw, int at) throws AmbiguousPathException {
        int high = at + 2 < raw.length() ? Character.digit(raw.charAt(at + 1), 16) : -1;
        int low = high >= 0 ? Character.digit(raw.charAt(at + 2), 16) : -1;
        if (low < 0) {
            throw new AmbiguousPathException("has a '%' that is not followed by two hex digits");
        }
        int b = high * 16 + low;
        switch (b) {
            case '/' -> throw new AmbiguousPathException("has an encoded slash (%2F)");
            case '\\' -> throw new AmbiguousPathException("has an encoded backslash (%5C)");
            case '.' -> throw new AmbiguousPathException("has an encoded dot (%2E)");
            case ';' -> throw new AmbiguousPathException("has an encoded semicolon (%3B)");
            case '%' -> throw new AmbiguousPathException(
                    "has an encoded percent sign (%25), which a server that decodes twice reads as another path");
            default -> {
                if (b < 0x20 || b == 0x7f) {
                    throw new AmbiguousPathException("has an encoded control character");
                }
            }
        }
        return (byte) b;
    }

    private static String utf8(ByteBuffer bytes) throws AmbiguousPathException {
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new AmbiguousPathException("has percent-encoded bytes that are not UTF-8");
        }
    }

    @Override
    public String toString() {
        return raw;
    }
}
