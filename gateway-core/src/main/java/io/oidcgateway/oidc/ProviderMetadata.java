package io.oidcgateway.oidc;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** The parts of an OpenID Provider's discovery document the gateway uses. */
public record ProviderMetadata(
        String issuer,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI jwksUri,
        Optional<URI> endSessionEndpoint,
        List<String> tokenEndpointAuthMethodsSupported) {

    /** @throws DiscoveryException naming the missing or malformed member */
    public static ProviderMetadata parse(String json) throws DiscoveryException {
        Map<String, Object> doc;
        try {
            doc = JsonUtil.parseJson(json);
        } catch (JoseException e) {
            throw new DiscoveryException("the discovery document is not JSON");
        }
        return new ProviderMetadata(
                requiredString(doc, "issuer"),
                requiredUri(doc, "authorization_endpoint"),
                requiredUri(doc, "token_endpoint"),
                requiredUri(doc, "jwks_uri"),
                Optional.ofNullable(doc.get("end_session_endpoint")).map(Object::toString).map(URI::create),
                stringList(doc.get("token_endpoint_auth_methods_supported"), List.of("client_secret_basic")));
    }

    private static String requiredString(Map<String, Object> doc, String name) throws DiscoveryException {
        Object value = doc.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new DiscoveryException("the discovery document has no " + name);
        }
        return s;
    }

    private static URI requiredUri(Map<String, Object> doc, String name) throws DiscoveryException {
        String text = requiredString(doc, name);
        try {
            URI uri = URI.create(text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("the discovery document's " + name + " is not an absolute URL: " + text);
        }
    }

    private static List<String> stringList(Object value, List<String> defaultValue) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return defaultValue;
    }
}
