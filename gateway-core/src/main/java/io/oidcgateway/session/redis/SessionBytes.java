package io.oidcgateway.session.redis;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session in a compact binary form, through the JDK's data streams: a format byte, then each
 * field in a fixed order (strings as length-prefixed UTF-8, absent ones as a flag, instants as
 * seconds and nanoseconds). Read on every request with the Redis store, so it is built for that.
 */
final class SessionBytes {
    /** Never '{', the first byte of the JSON earlier versions stored. */
    static final byte FORMAT = 2;

    private SessionBytes() {
    }

    static boolean isJson(byte[] stored) {
        return stored.length > 0 && stored[0] == '{';
    }

    static byte[] write(Session s) {
        String accessToken = s.accessToken();
        Optional<String> refreshToken = s.refreshToken();
        Optional<String> idToken = s.idToken();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + accessToken.length()
                + idToken.map(String::length).orElse(0) + refreshToken.map(String::length).orElse(0));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(s.version());
            IdentityClaims id = s.identity();
            out.writeUTF(id.subject());
            optional(out, id.claimedEmail());
            out.writeBoolean(id.emailVerified());
            optional(out, id.name());
            optional(out, id.preferredUsername());
            out.writeInt(id.groups().size());
            for (String group : id.groups()) {
                out.writeUTF(group);
            }
            optional(out, id.sessionId());
            out.writeUTF(accessToken);
            instant(out, s.accessTokenExpiresAt());
            optional(out, refreshToken);
            optional(out, idToken);
            instant(out, s.createdAt());
            instant(out, s.expiresAt());
        } catch (IOException e) {
            throw new UncheckedIOException("a session could not be written", e);
        }
        return bytes.toByteArray();
    }

    static Session read(String id, byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("a stored session has the unknown format " + format);
            }
            long version = in.readLong();
            String subject = in.readUTF();
            Optional<String> email = optional(in);
            boolean emailVerified = in.readBoolean();
            Optional<String> name = optional(in);
            Optional<String> preferredUsername = optional(in);
            int groupCount = in.readInt();
            List<String> groups = new ArrayList<>(Math.min(groupCount, 1024));
            for (int i = 0; i < groupCount; i++) {
                groups.add(in.readUTF());
            }
            IdentityClaims identity = new IdentityClaims(subject, email, emailVerified, name, preferredUsername, groups,
                    optional(in));
            String accessToken = in.readUTF();
            Instant accessTokenExpiresAt = instant(in);
            Optional<String> refreshToken = optional(in);
            Optional<String> idToken = optional(in);
            return new Session(id, version, identity, accessToken, accessTokenExpiresAt, refreshToken, idToken,
                    instant(in), instant(in));
        } catch (IOException e) {
            throw new IllegalStateException("a stored session is cut short", e);
        }
    }

    private static void optional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    private static Optional<String> optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    private static void instant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
