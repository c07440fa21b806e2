package io.oidcgateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * How the proxy trusts https upstreams: the JDK's certificate authorities plus those in
 * {@code upstream.ca-file} (a private CA), with host names verified as a browser would.
 */
final class UpstreamTls {
    private UpstreamTls() {
    }

    static SslContextFactory.Client clientFactory(Optional<Path> caFile) {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        caFile.ifPresent(file -> tls.setTrustStore(trustStore(file)));
        return tls;
    }

    /** The JDK's trusted CAs and the file's certificates, in one store. */
    private static KeyStore trustStore(Path caFile) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : jdkAuthorities()) {
                store.setCertificateEntry("jdk-" + n++, ca);
            }
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("upstream-ca-" + n++, ca);
                }
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upstream.ca-file " + caFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("upstream.ca-file " + caFile + " holds no readable PEM certificate", e);
        }
    }

    private static X509Certificate[] jdkAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
