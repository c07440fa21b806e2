package io.oidcgateway.filter;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;

/** {@code /oauth2/userinfo}: the signed-in user as JSON; 401 without a session. */
final class UserinfoEndpoint {
    private final CurrentSession current;
    private final ErrorResponder errors;

    UserinfoEndpoint(CurrentSession current, ErrorResponder errors) {
        this.current = current;
        this.errors = errors;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Optional<Session> session = current.fresh(request);
        if (session.isEmpty()) {
            errors.send(request, response, ProtectedRequests.SIGN_IN_FIRST);
            return;
        }
        IdentityClaims id = session.get().identity();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", id.subject());
        id.email().ifPresent(v -> body.put("email", v));
        id.name().ifPresent(v -> body.put("name", v));
        id.preferredUsername().ifPresent(v -> body.put("preferred_username", v));
        body.put("groups", id.groups());
        response.setContentType("application/json");
        response.getWriter().write(JsonUtil.toJson(body));
    }
}
