package io.oidcgateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the gateway listens and how browsers reach it.
 *
 * @param publicUrl without a trailing slash; the redirect URI is this plus {@link #CALLBACK_PATH}
 * @param trustedProxies the peers whose {@code X-Forwarded-*} and {@code Forwarded} headers are kept
 * @param tls the listener's certificate: https when present
 * @param http2 with TLS, whether HTTP/2 is offered by ALPN besides HTTP/1.1
 * @param shutdownTimeout how long a stopping gateway lets requests in flight finish
 * @param warmUp how long the request path is driven before the gateway listens ({@code server.warm-up}); zero: not
 */
public record ServerConfig(String host, int port, URI publicUrl, List<Cidr> trustedProxies,
        Optional<ServerTlsConfig> tls, boolean http2, Duration shutdownTimeout, Duration warmUp) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 4180;
    public static final String DEFAULT_PUBLIC_URL = "http://localhost:4180";
    public static final String CALLBACK_PATH = "/oauth2/callback";
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    /** The longest warm-up: it ends sooner once the rate stops climbing (12-20 s on two CPUs, BENCHMARKS.md). */
    public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(20);

    public ServerConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }

    public URI redirectUri() {
        return URI.create(publicUrl + CALLBACK_PATH);
    }

    public boolean secure() {
        return "https".equals(publicUrl.getScheme());
    }

    /** The same server reached at another URL, for a gateway whose port is only known once it is bound. */
    public ServerConfig withPublicUrl(URI url) {
        return new ServerConfig(host, port, url, trustedProxies, tls, http2, shutdownTimeout, warmUp);
    }
}
