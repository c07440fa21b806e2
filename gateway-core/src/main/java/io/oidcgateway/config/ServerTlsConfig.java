package io.oidcgateway.config;

import java.nio.file.Path;

/**
 * The listener's own certificate and key ({@code server.tls.*}): with one, the gateway serves
 * https (and HTTP/2 unless {@code server.http2=false}). The files exist when a configuration
 * holds one of these; they are read again when they change.
 */
public sealed interface ServerTlsConfig {

    /** {@code server.tls.certificate} (PEM chain, the server certificate first) and {@code server.tls.key} (PEM). */
    record PemFiles(Path certificate, Path key) implements ServerTlsConfig {
    }

    /** {@code server.tls.keystore} (PKCS#12) and {@code server.tls.keystore-password}. */
    record KeyStoreFile(Path file, Secret password) implements ServerTlsConfig {
    }
}
