package io.oidcgateway.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The relying-party registration at the IdP.
 *
 * @param clientKey where the key and certificate are, present exactly when {@code clientAuth} is private_key_jwt
 * @param clientSecret present exactly when {@code clientAuth} uses a secret
 */
public record OidcConfig(
        URI issuer,
        String clientId,
        List<String> scopes,
        ClientAuthMethod clientAuth,
        Optional<Secret> clientSecret,
        Optional<ClientKeyConfig> clientKey,
        AssertionConfig assertion,
        Optional<URI> postLogoutRedirectUri,
        LoginOptions loginOptions) {

    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "offline_access");
    public static final ClientAuthMethod DEFAULT_CLIENT_AUTH = ClientAuthMethod.PRIVATE_KEY_JWT;

    public OidcConfig {
        scopes = List.copyOf(scopes);
    }
}
