package io.oidcgateway.config;

import java.nio.file.Path;

/**
 * Where the client's private key and certificate are, as configured; {@code clientauth} loads
 * them. The files exist and are readable when a configuration holds one of these.
 */
public sealed interface ClientKeyConfig {

    /** {@code oidc.client-certificate} (PEM chain or DER) and {@code oidc.client-key} (PEM). */
    record PemFiles(Path certificate, Path key) implements ClientKeyConfig {
    }

    /** {@code oidc.client-keystore} (PKCS#12 or JKS) and its {@code oidc.client-keystore-password}. */
    record KeyStoreFile(Path file, Secret password) implements ClientKeyConfig {
    }

    /** No key configured while the demo IdP runs in-process: a throw-away certificate made at start-up. */
    record DemoEphemeral() implements ClientKeyConfig {
    }
}
