package io.oidcgateway.clientauth;

import io.oidcgateway.config.ClientAuthMethod;
import io.oidcgateway.config.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** {@code client_secret_basic} (RFC 6749 section 2.3.1, form-encoded then Basic) or {@code client_secret_post}. */
public final class ClientSecretAuthentication implements ClientAuthentication {
    private final String clientId;
    private final Secret secret;
    private final ClientAuthMethod method;

    public ClientSecretAuthentication(String clientId, Secret secret, ClientAuthMethod method) {
        if (!method.usesSecret()) {
            throw new IllegalArgumentException(method.configName() + " does not use a client secret");
        }
        this.clientId = clientId;
        this.secret = secret;
        this.method = method;
    }

    @Override
    public void authenticate(URI tokenEndpoint, Map<String, String> form, Map<String, String> headers) {
        if (method == ClientAuthMethod.CLIENT_SECRET_POST) {
            form.put("client_id", clientId);
            form.put("client_secret", secret.reveal());
            return;
        }
        String pair = urlEncode(clientId) + ":" + urlEncode(secret.reveal());
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String methodName() {
        return method.configName();
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
