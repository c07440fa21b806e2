package io.oidcgateway.config;

import static io.oidcgateway.config.ConfigKeys.OIDC_CLIENT_CERTIFICATE;
import static io.oidcgateway.config.ConfigKeys.OIDC_CLIENT_KEY;
import static io.oidcgateway.config.ConfigKeys.OIDC_CLIENT_KEYSTORE;
import static io.oidcgateway.config.ConfigKeys.OIDC_CLIENT_KEYSTORE_PASSWORD;
import static io.oidcgateway.config.ConfigKeys.OIDC_PKCS11_KEY_LABEL;
import static io.oidcgateway.config.ConfigKeys.OIDC_PKCS11_LIBRARY;
import static io.oidcgateway.config.ConfigKeys.OIDC_PKCS11_SLOT;
import static io.oidcgateway.config.ConfigKeys.OIDC_PKCS11_TOKEN_LABEL;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code oidc.client-keystore-type=PKCS11} and the {@code oidc.pkcs11.*} keys. */
final class Pkcs11ConfigReader {
    private Pkcs11ConfigReader() {
    }

    static Optional<ClientKeyConfig> read(ValueReader r) {
        for (String key : List.of(OIDC_CLIENT_KEY, OIDC_CLIENT_KEYSTORE)) {
            if (r.optional(key).isPresent()) {
                r.problem(key, "is not used with oidc.client-keystore-type=PKCS11: the key stays in the token");
            }
        }
        Optional<String> library = required(r, OIDC_PKCS11_LIBRARY,
                "the token's PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so");
        Optional<String> keyLabel = required(r, OIDC_PKCS11_KEY_LABEL, "the CKA_LABEL of the key and its certificate");
        Optional<String> pin = required(r, OIDC_CLIENT_KEYSTORE_PASSWORD,
                "the token's user PIN; use ${file:PATH} or ${env:NAME} to keep it out of the file");
        Optional<String> tokenLabel = r.optional(OIDC_PKCS11_TOKEN_LABEL);
        Optional<Long> slot = slot(r);
        if (tokenLabel.isPresent() == r.optional(OIDC_PKCS11_SLOT).isPresent()) {
            r.problem(OIDC_PKCS11_TOKEN_LABEL, "set either oidc.pkcs11.token-label or oidc.pkcs11.slot (one of them)");
            return Optional.empty();
        }
        Path module = library.map(l -> r.existingFile(OIDC_PKCS11_LIBRARY)).orElse(null);
        Optional<Path> certificate = r.optionalFile(OIDC_CLIENT_CERTIFICATE);
        if (module == null || keyLabel.isEmpty() || pin.isEmpty()
                || (r.optional(OIDC_PKCS11_SLOT).isPresent() && slot.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new ClientKeyConfig.Pkcs11Token(module, tokenLabel, slot, keyLabel.get(),
                new Secret(pin.get()), certificate));
    }

    private static Optional<String> required(ValueReader r, String key, String what) {
        Optional<String> value = r.optional(key);
        if (value.isEmpty()) {
            r.problem(key, "is required with oidc.client-keystore-type=PKCS11: " + what);
        }
        return value;
    }

    /** Slot ids are unsigned 32-bit numbers (SoftHSM picks large random ones). */
    private static Optional<Long> slot(ValueReader r) {
        Optional<String> value = r.optional(OIDC_PKCS11_SLOT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long slot = Long.parseLong(value.get().trim());
            if (slot >= 0 && slot <= 0xFFFF_FFFFL) {
                return Optional.of(slot);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        r.problem(OIDC_PKCS11_SLOT, "'" + value.get() + "' is not a slot id (a whole number from 0 to 4294967295,"
                + " as 'softhsm2-util --show-slots' or 'pkcs11-tool --list-slots' print it)");
        return Optional.empty();
    }
}
