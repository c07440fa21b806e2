package io.oidcgateway.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The gateway's HTTP client towards the IdP: follows no redirects, keeps no cookies, always times out. */
public final class OidcHttp {
    /** How long a call to the IdP may take before it fails with a clear error. */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(15);

    private final HttpClient client;
    private final Duration timeout;

    public OidcHttp(Duration timeout) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        this.timeout = timeout;
    }

    public HttpResponse<String> get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return send(request);
    }

    public HttpResponse<String> postForm(URI uri, Map<String, String> form, Map<String, String> headers)
            throws IOException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /**
     * jose4j's key-set fetcher, served by this client, so the JWKS has the same timeouts, no
     * redirects and no cookies as every other call to the IdP.
     */
    public SimpleGet asJoseGetter() {
        return location -> {
            HttpResponse<String> response = get(URI.create(location));
            return new SimpleResponse() {
                @Override
                public int getStatusCode() {
                    return response.statusCode();
                }

                @Override
                public String getStatusMessage() {
                    return "HTTP " + response.statusCode();
                }

                @Override
                public Collection<String> getHeaderNames() {
                    return response.headers().map().keySet();
                }

                @Override
                public List<String> getHeaderValues(String name) {
                    return response.headers().allValues(name);
                }

                @Override
                public String getBody() {
                    return response.body();
                }
            };
        };
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + request.uri(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
