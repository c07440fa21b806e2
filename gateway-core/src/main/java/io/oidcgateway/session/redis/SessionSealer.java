package io.oidcgateway.session.redis;

import io.oidcgateway.config.EncryptionKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * What makes a copy of the Redis data worthless to a thief: values are AES-256-GCM encrypted
 * (the Redis key as associated data, so a value cannot be moved to another key), and keys are
 * HMACs of the session id, state or sid, never the value itself. Each configured key has its
 * own pair of derived keys (HKDF-SHA256); the first encrypts, all are tried for reading, so the
 * key can be rotated without signing anyone out.
 */
final class SessionSealer {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** One configured key, split into the key that names entries and the key that encrypts them. */
    record Generation(int index, SecretKeySpec naming, SecretKeySpec encryption) {
    }

    private final List<Generation> generations;
    private final List<Mac> namers;
    private final SecureRandom random = new SecureRandom();

    /** @param keys the current key first, then older ones still accepted for reading */
    SessionSealer(List<EncryptionKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the Redis store needs session.encryption-key");
        }
        List<Generation> list = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            byte[] master = keys.get(i).bytes();
            list.add(new Generation(i, new SecretKeySpec(derive(master, "oidc-gateway redis key names v1"), "HmacSHA256"),
                    new SecretKeySpec(derive(master, "oidc-gateway session encryption v1"), "AES")));
        }
        this.generations = List.copyOf(list);
        this.namers = generations.stream().map(SessionSealer::keyedMac).toList();
    }

    private static Mac keyedMac(Generation generation) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(generation.naming());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(master, null, purpose.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    /** Every generation, the current one first: where an entry may be found. */
    List<Generation> generations() {
        return generations;
    }

    Generation current() {
        return generations.get(0);
    }

    /** The name under which {@code value} of this kind is stored: an HMAC of it. */
    String name(Generation generation, String kind, String value) {
        try {
            // Every request names its session: a copy of a keyed Mac made at start-up, not a provider lookup.
            Mac mac = (Mac) namers.get(generation.index()).clone();
            byte[] digest = mac.doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 cannot be copied", e);
        }
    }

    byte[] seal(Generation generation, byte[] plaintext, byte[] associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, generation.encryption(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt with AES-256-GCM", e);
        }
    }

    /** Opens a value sealed with any configured key; empty when none of them sealed it for this Redis key. */
    Optional<byte[]> openWithAny(byte[] sealed, byte[] associatedData) {
        for (Generation generation : generations) {
            Optional<byte[]> plaintext = open(generation, sealed, associatedData);
            if (plaintext.isPresent()) {
                return plaintext;
            }
        }
        return Optional.empty();
    }

    /** @return empty when the value was not sealed with this generation for this key (tampered, or moved) */
    Optional<byte[]> open(Generation generation, byte[] sealed, byte[] associatedData) {
        if (sealed.length <= IV_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, generation.encryption(), new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
        } catch (javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt with AES-256-GCM", e);
        }
    }
}
