package io.oidcgateway.config;

import java.util.Arrays;
import java.util.Optional;

/** How the gateway authenticates itself at the token endpoint (OIDC Core section 9). */
public enum ClientAuthMethod {
    PRIVATE_KEY_JWT("private_key_jwt"),
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post");

    private final String configName;

    ClientAuthMethod(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration and in discovery's {@code token_endpoint_auth_methods_supported}. */
    public String configName() {
        return configName;
    }

    public boolean usesSecret() {
        return this != PRIVATE_KEY_JWT;
    }

    public static Optional<ClientAuthMethod> fromConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }
}
