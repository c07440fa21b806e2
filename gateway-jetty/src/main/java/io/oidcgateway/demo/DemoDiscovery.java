package io.oidcgateway.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;

/** The demo IdP's discovery document and key set. */
final class DemoDiscovery {
    private final DemoState state;

    DemoDiscovery(DemoState state) {
        this.state = state;
    }

    String document(DemoSite site) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", site.issuer().equals(state.issuer()) ? state.announcedIssuer.orElse(site.issuer())
                : site.issuer());
        doc.put("authorization_endpoint", site.authorize());
        doc.put("token_endpoint", site.token());
        doc.put("jwks_uri", site.jwks());
        if (state.endSession) {
            doc.put("end_session_endpoint", site.logout());
        }
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported",
                List.of("private_key_jwt", "client_secret_basic", "client_secret_post"));
        doc.put("token_endpoint_auth_signing_alg_values_supported", ClientAssertionRules.ALLOWED_ALGORITHMS);
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        return JsonUtil.toJson(doc);
    }

    String keySet() {
        return JsonUtil.toJson(Map.of("keys",
                List.of(state.signingKey().toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
    }
}
