package io.oidcgateway.oidc;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A successful token-endpoint answer. Its {@code toString} shows no token. */
public record TokenResponse(
        String accessToken, Optional<String> idToken, Optional<String> refreshToken, Duration expiresIn) {

    /** Assumed when the IdP leaves out {@code expires_in}: short enough to be safe, long enough to be usable. */
    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofMinutes(5);

    /** RFC 6750's b64token: what may follow {@code Bearer }. Checked once here, not on every forwarded request. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    static TokenResponse fromJson(Map<String, Object> json) throws TokenEndpointException {
        Object accessToken = json.get("access_token");
        if (!(accessToken instanceof String token) || token.isEmpty()) {
            throw new TokenEndpointException(200, "invalid_response",
                    "the token endpoint answered without an access_token", java.util.List.of());
        }
        if (!B64TOKEN.matcher(token).matches()) {
            throw new TokenEndpointException(200, "invalid_response", "the token endpoint's access_token holds"
                    + " characters a bearer token may not (RFC 6750: letters, digits and -._~+/ then =)",
                    java.util.List.of());
        }
        Duration expiresIn = DEFAULT_EXPIRES_IN;
        Object raw = json.get("expires_in");
        if (raw instanceof Number n) {
            expiresIn = Duration.ofSeconds(n.longValue());
        } else if (raw instanceof String s && s.matches("\\d{1,9}")) {
            expiresIn = Duration.ofSeconds(Long.parseLong(s));
        }
        return new TokenResponse(token,
                Optional.ofNullable(json.get("id_token")).map(Object::toString),
                Optional.ofNullable(json.get("refresh_token")).map(Object::toString),
                expiresIn);
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", idToken=" + idToken.isPresent()
                + ", refreshToken=" + refreshToken.isPresent() + "]";
    }
}
