package io.oidcgateway.config;

import java.util.Arrays;

/** 32 random bytes that encrypt sessions at rest; never printed. */
public final class EncryptionKey {
    public static final int BYTES = 32;

    private final byte[] bytes;

    public EncryptionKey(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("must be " + BYTES + " bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptionKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "(hidden)";
    }
}
