package io.oidcgateway.server;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyMaterialException;
import io.oidcgateway.clientauth.KeyMaterialLoader;
import io.oidcgateway.config.ServerTlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The https listener: the configured certificate, HTTP/2 by ALPN with HTTP/1.1 still served,
 * and the certificate files read again when they change (cert-manager and certbot replace
 * them in place), so the next handshake shows the new certificate without a restart.
 */
final class TlsListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);
    /** How often the files are looked at; a renewed certificate is served within this. */
    static final long CHECK_EVERY_MS = 1000;
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private final ServerTlsConfig config;
    private final SslContextFactory.Server tls = new SslContextFactory.Server();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tls-certificate-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile List<FileTime> seen;

    TlsListener(ServerTlsConfig config) throws KeyMaterialException {
        this.config = config;
        tls.setKeyStore(keyStore(load(config)));
        tls.setKeyStorePassword(new String(IN_MEMORY));
        seen = modified();
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** TLS, then ALPN choosing HTTP/2 or HTTP/1.1 (HTTP/1.1 alone when {@code http2} is off). */
    ConnectionFactory[] connectionFactories(HttpConfiguration http, boolean http2) {
        HttpConfiguration https = new HttpConfiguration(http);
        // The gateway serves requests for any host name it is reached by; SNI is not a gate here.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        if (!http2) {
            return new ConnectionFactory[] {new SslConnectionFactory(tls, http1.getProtocol()), http1};
        }
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ConnectionFactory[] {new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http1};
    }

    private void reloadIfChanged() {
        List<FileTime> now = modified();
        if (now.equals(seen)) {
            return;
        }
        try {
            KeyStore store = keyStore(load(config));
            tls.reload(factory -> factory.setKeyStore(store));
            seen = now;
            LOG.info("the TLS certificate changed on disk; new connections get the new one");
        } catch (Exception e) {
            // A half-written file (the renewal tool still writing) is read again at the next look.
            LOG.warn("the changed TLS certificate cannot be used yet ({}); still serving the previous one",
                    e.getMessage());
        }
    }

    private List<FileTime> modified() {
        List<FileTime> times = new ArrayList<>();
        for (Path file : files(config)) {
            try {
                times.add(Files.getLastModifiedTime(file));
            } catch (java.io.IOException e) {
                times.add(FileTime.fromMillis(0));
            }
        }
        return times;
    }

    private static List<Path> files(ServerTlsConfig config) {
        if (config instanceof ServerTlsConfig.PemFiles pem) {
            return List.of(pem.certificate(), pem.key());
        }
        return List.of(((ServerTlsConfig.KeyStoreFile) config).file());
    }

    private static ClientCredentials load(ServerTlsConfig config) throws KeyMaterialException {
        if (config instanceof ServerTlsConfig.PemFiles pem) {
            return KeyMaterialLoader.fromPem(pem.certificate(), pem.key());
        }
        ServerTlsConfig.KeyStoreFile store = (ServerTlsConfig.KeyStoreFile) config;
        return KeyMaterialLoader.fromKeyStore(store.file(), store.password().reveal().toCharArray());
    }

    private static KeyStore keyStore(ClientCredentials credentials) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("gateway", credentials.privateKey(), IN_MEMORY,
                    credentials.chain().toArray(X509Certificate[]::new));
            return store;
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the TLS key in memory", e);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
