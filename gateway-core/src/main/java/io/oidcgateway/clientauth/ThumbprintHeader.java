package io.oidcgateway.clientauth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A certificate thumbprint header ({@code x5t}, {@code x5t#S256}) read the way Entra ID reads
 * it: by the bytes it decodes to. RFC 7515 asks for base64url without padding; Microsoft's own
 * clients send other spellings of the same bytes (msal4j standard base64 with {@code +/=},
 * MSAL Python base64url with {@code =} padding), and Entra accepts them all. What Entra refuses
 * is the thumbprint's hex text in place of its bytes: as the value itself, or base64 of it.
 *
 */
public final class ThumbprintHeader {
    private static final Pattern HEX_THUMBPRINT = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

    private final String name;
    private final String value;
    private final Optional<byte[]> bytes;
    private final Spelling spelling;

    private ThumbprintHeader(String name, String value, Optional<byte[]> bytes, Spelling spelling) {
        this.name = name;
        this.value = value;
        this.bytes = bytes;
        this.spelling = spelling;
    }

    /** How a thumbprint header is written. */
    public enum Spelling {
        BASE64URL("base64url without padding, as RFC 7515 asks"),
        BASE64URL_PADDED("base64url with '=' padding, as MSAL Python writes it"),
        BASE64("standard base64 with '+' or '/', as msal4j writes it"),
        PADDED("base64 with '=' padding (msal4j pads standard base64, MSAL Python base64url)"),
        HEX_TEXT("the thumbprint's hex text, not its bytes"),
        NOT_BASE64("neither base64 nor base64url");

        private final String description;

        Spelling(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public static ThumbprintHeader read(String name, String value) {
        if (HEX_THUMBPRINT.matcher(value).matches()) {
            return new ThumbprintHeader(name, value, decode(value, Base64.getUrlDecoder()), Spelling.HEX_TEXT);
        }
        boolean url = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
        boolean standard = value.indexOf('+') >= 0 || value.indexOf('/') >= 0;
        boolean padded = value.endsWith("=");
        if (url && standard) {
            return new ThumbprintHeader(name, value, Optional.empty(), Spelling.NOT_BASE64);
        }
        Optional<byte[]> bytes = decode(value, standard ? Base64.getDecoder() : Base64.getUrlDecoder());
        if (bytes.isEmpty()) {
            return new ThumbprintHeader(name, value, bytes, Spelling.NOT_BASE64);
        }
        // Padding alone does not tell the alphabets apart: without '+/-_' both read the same.
        Spelling spelling = standard ? Spelling.BASE64 : !padded ? Spelling.BASE64URL
                : url ? Spelling.BASE64URL_PADDED : Spelling.PADDED;
        return new ThumbprintHeader(name, value, bytes, spelling);
    }

    /** The thumbprint's length in bytes: 20 for SHA-1 ({@code x5t}), 32 for SHA-256 ({@code x5t#S256}). */
    public int expectedLength() {
        return name.equals("x5t#S256") ? 32 : 20;
    }

    /**
     * The hex-text mistake: the value is the thumbprint's hex text, or base64/base64url of that
     * text (the seed question's second attempt), instead of the thumbprint's bytes.
     */
    public Optional<String> hexText() {
        if (spelling == Spelling.HEX_TEXT) {
            return Optional.of(value);
        }
        return bytes.map(b -> new String(b, StandardCharsets.ISO_8859_1))
                .filter(text -> HEX_THUMBPRINT.matcher(text).matches());
    }

    /** Whether the value names this thumbprint: the same bytes, however they are spelled. */
    public boolean matches(byte[] thumbprint) {
        return spelling != Spelling.HEX_TEXT && bytes.map(b -> Arrays.equals(b, thumbprint)).orElse(false);
    }

    /**
     * What Entra ID prints as "Thumbprint of key used by client": the hex of the decoded bytes,
     * or the value itself when it decodes to nothing.
     */
    public String decodedHex() {
        return bytes.map(b -> HexFormat.of().formatHex(b).toUpperCase(Locale.ROOT)).orElse(value);
    }

    private static Optional<byte[]> decode(String value, Base64.Decoder decoder) {
        try {
            return Optional.of(decoder.decode(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** What the value decodes to, when it is base64 or base64url in either form. */
    public Optional<byte[]> bytes() {
        return bytes.map(byte[]::clone);
    }

    public Spelling spelling() {
        return spelling;
    }

    @Override
    public String toString() {
        return name + "=" + value + " (" + spelling.description() + ")";
    }
}
