package io.oidcgateway.session;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The layout of {@link SessionTokens}: for each token in turn one form byte, then
 * <ul>
 * <li>{@code ABSENT}: nothing;
 * <li>{@code SEGMENTS}: for a token of dot-separated ASCII parts (a JWT, a JWE, an Entra
 * refresh token), a part count (one byte), then each part as two bytes and its bytes: a part
 * that is canonical unpadded base64url (encoding its bytes again gives back the very text) is
 * kept decoded, any other as its characters, with the top bit of the two bytes set;
 * <li>{@code TEXT}: any other token, its length (four bytes) and UTF-8 bytes.
 * </ul>
 */
final class TokenPacking {
    private static final byte ABSENT = 0;
    private static final byte TEXT = 1;
    private static final byte SEGMENTS = 2;
    private static final int MAX_SEGMENTS = 255;
    private static final int MAX_SEGMENT_BYTES = 0x7FFF;
    private static final int KEPT_AS_TEXT = 0x8000;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private TokenPacking() {
    }

    static byte[] pack(String... tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String token : tokens) {
                write(out, token);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, String token) throws IOException {
        if (token == null) {
            out.writeByte(ABSENT);
            return;
        }
        List<Segment> segments = segments(token);
        if (segments == null) {
            byte[] text = token.getBytes(StandardCharsets.UTF_8);
            out.writeByte(TEXT);
            out.writeInt(text.length);
            out.write(text);
        } else {
            out.writeByte(SEGMENTS);
            out.writeByte(segments.size());
            for (Segment segment : segments) {
                out.writeShort(segment.bytes.length | (segment.decoded ? 0 : KEPT_AS_TEXT));
                out.write(segment.bytes);
            }
        }
    }

    private record Segment(byte[] bytes, boolean decoded) {
    }

    /** The token's parts, or null when it has to be kept as text. */
    private static List<Segment> segments(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length > MAX_SEGMENTS) {
            return null;
        }
        List<Segment> segments = new ArrayList<>(parts.length);
        for (String part : parts) {
            byte[] decoded = canonical(part);
            Segment segment = decoded != null ? new Segment(decoded, true)
                    : new Segment(part.getBytes(StandardCharsets.ISO_8859_1), false);
            if (segment.bytes.length > MAX_SEGMENT_BYTES || !segment.decoded && !ascii(part)) {
                return null;
            }
            segments.add(segment);
        }
        return segments;
    }

    private static boolean ascii(String part) {
        return part.chars().allMatch(c -> c < 0x80);
    }

    private static byte[] canonical(String part) {
        try {
            byte[] decoded = DECODER.decode(part);
            return ENCODER.encodeToString(decoded).equals(part) ? decoded : null;
        } catch (IllegalArgumentException notBase64url) {
            return null;
        }
    }

    /** The token in the given place (0, 1, 2 in the order packed), or null when it was absent. */
    static String unpack(byte[] packed, int place) {
        ByteBuffer buffer = ByteBuffer.wrap(packed);
        int at = 0;
        for (int i = 0; i < place; i++) {
            at = skip(buffer, at);
        }
        return switch (packed[at]) {
            case ABSENT -> null;
            case TEXT -> new String(packed, at + 5, buffer.getInt(at + 1), StandardCharsets.UTF_8);
            default -> encodeSegments(buffer, at);
        };
    }

    private static int skip(ByteBuffer buffer, int at) {
        return switch (buffer.get(at)) {
            case ABSENT -> at + 1;
            case TEXT -> at + 5 + buffer.getInt(at + 1);
            default -> {
                int count = Byte.toUnsignedInt(buffer.get(at + 1));
                int next = at + 2;
                for (int i = 0; i < count; i++) {
                    next += 2 + (buffer.getShort(next) & MAX_SEGMENT_BYTES);
                }
                yield next;
            }
        };
    }

    private static String encodeSegments(ByteBuffer buffer, int at) {
        int count = Byte.toUnsignedInt(buffer.get(at + 1));
        int length = count - 1;
        for (int i = 0, next = at + 2; i < count; i++) {
            int header = buffer.getShort(next);
            int size = header & MAX_SEGMENT_BYTES;
            length += (header & KEPT_AS_TEXT) != 0 ? size : encodedLength(size);
            next += 2 + size;
        }
        byte[] text = new byte[length];
        int written = 0;
        for (int i = 0, next = at + 2; i < count; i++) {
            int header = buffer.getShort(next);
            int size = header & MAX_SEGMENT_BYTES;
            if (i > 0) {
                text[written++] = '.';
            }
            ByteBuffer part = buffer.slice(next + 2, size);
            ByteBuffer encoded = (header & KEPT_AS_TEXT) != 0 ? part : ENCODER.encode(part);
            int encodedSize = encoded.remaining();
            encoded.get(text, written, encodedSize);
            written += encodedSize;
            next += 2 + size;
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** Unpadded base64: four characters per three bytes, and two or three for the one or two left over. */
    private static int encodedLength(int decodedBytes) {
        int rest = decodedBytes % 3;
        return decodedBytes / 3 * 4 + (rest == 0 ? 0 : rest + 1);
    }
}
