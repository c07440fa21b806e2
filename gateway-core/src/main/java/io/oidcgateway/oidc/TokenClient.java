package io.oidcgateway.oidc;

import io.oidcgateway.clientauth.ClientAuthentication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** Calls the token endpoint: code redemption and refresh, each with fresh client authentication. */
public final class TokenClient {
    private final OidcHttp http;
    private final ClientAuthentication clientAuthentication;

    public TokenClient(OidcHttp http, ClientAuthentication clientAuthentication) {
        this.http = http;
        this.clientAuthentication = clientAuthentication;
    }

    public TokenResponse redeemCode(URI tokenEndpoint, String code, String codeVerifier, URI redirectUri)
            throws TokenEndpointException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", codeVerifier);
        return post(tokenEndpoint, form);
    }

    public TokenResponse refresh(URI tokenEndpoint, String refreshToken) throws TokenEndpointException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return post(tokenEndpoint, form);
    }

    private TokenResponse post(URI tokenEndpoint, Map<String, String> form) throws TokenEndpointException {
        Map<String, String> headers = new LinkedHashMap<>();
        clientAuthentication.authenticate(tokenEndpoint, form, headers);
        HttpResponse<String> response;
        try {
            response = http.postForm(tokenEndpoint, form, headers);
        } catch (IOException e) {
            throw new TokenEndpointException(TokenEndpointException.UNREACHABLE, "unreachable",
                    "the token endpoint " + tokenEndpoint + " could not be reached (" + e.getClass().getSimpleName()
                            + ")", List.of());
        }
        Map<String, Object> json;
        try {
            json = JsonUtil.parseJson(response.body());
        } catch (JoseException | RuntimeException e) {
            throw new TokenEndpointException(response.statusCode(), "invalid_response",
                    "the token endpoint answered HTTP " + response.statusCode() + " without a JSON body", List.of());
        }
        if (response.statusCode() != 200 || json.containsKey("error")) {
            Object codes = json.get("error_codes");
            List<String> errorCodes = codes instanceof List<?> list
                    ? list.stream().map(c -> c instanceof Number n ? String.valueOf(n.longValue()) : String.valueOf(c)).toList()
                    : List.of();
            throw new TokenEndpointException(response.statusCode(),
                    String.valueOf(json.getOrDefault("error", "http_" + response.statusCode())),
                    String.valueOf(json.getOrDefault("error_description", "")), errorCodes);
        }
        return TokenResponse.fromJson(json);
    }
}
