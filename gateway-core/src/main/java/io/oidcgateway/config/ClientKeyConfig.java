package io.oidcgateway.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the client's private key and certificate are, as configured; {@code clientauth} loads
 * them. The files exist and are readable when a configuration holds one of these.
 */
public sealed interface ClientKeyConfig {

    /** {@code oidc.client-certificate} (PEM chain or DER) and {@code oidc.client-key} (PEM). */
    record PemFiles(Path certificate, Path key) implements ClientKeyConfig {
    }

    /**
     * {@code oidc.client-keystore} (PKCS#12 or JKS) and its {@code oidc.client-keystore-password}.
     *
     * @param type {@code oidc.client-keystore-type} when set; else the type is read from the file
     */
    record KeyStoreFile(Path file, Secret password, Optional<String> type) implements ClientKeyConfig {
    }

    /**
     * {@code oidc.client-keystore-type=PKCS11}: the key stays in a hardware token (or SoftHSM) and
     * signs there.
     *
     * @param library {@code oidc.pkcs11.library}, the token's PKCS#11 module
     * @param tokenLabel {@code oidc.pkcs11.token-label}; or {@code slot}, exactly one of the two
     * @param keyLabel {@code oidc.pkcs11.key-label}, the key's (and its certificate's) {@code CKA_LABEL}
     * @param pin {@code oidc.client-keystore-password}
     * @param certificate {@code oidc.client-certificate}, sent instead of the token's certificate when set
     */
    record Pkcs11Token(Path library, Optional<String> tokenLabel, Optional<Long> slot, String keyLabel, Secret pin,
            Optional<Path> certificate) implements ClientKeyConfig {
    }

    /** No key configured while the demo IdP runs in-process: a throw-away certificate made at start-up. */
    record DemoEphemeral() implements ClientKeyConfig {
    }
}
