package io.oidcgateway.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sign-out at the demo IdP: RP-initiated logout (back to a registered origin), and ending a
 * user's sessions with a back-channel logout token to every client that registered a URI.
 */
final class DemoLogoutEndpoint {
    private final DemoState state;

    DemoLogoutEndpoint(DemoState state) {
        this.state = state;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DemoPages.idpSessionId(request).ifPresent(state.idpSessions::invalidate);
        response.addHeader("Set-Cookie", DemoPages.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        String target = request.getParameter("post_logout_redirect_uri");
        RegisteredClient client = state.clients.get(String.valueOf(request.getParameter("client_id")));
        if (target != null && client != null && client.redirectUris().stream()
                .anyMatch(r -> sameOrigin(r, target))) {
            response.sendRedirect(target);
            return;
        }
        DemoPages.page(response, 200, "Signed out", "You are signed out of the demo identity provider.");
    }

    /**
     * Ends the user's sessions at the IdP and tells every client with a back-channel logout URI,
     * with a signed logout token per IdP session (OpenID Connect Back-Channel Logout 1.0).
     */
    void endSessionsOf(String username) throws IOException, InterruptedException {
        List<String> sids = new ArrayList<>();
        state.idpSessions.asMap().entrySet().removeIf(e -> {
            if (e.getValue().user().username().equals(username)) {
                sids.add(e.getValue().sid());
                return true;
            }
            return false;
        });
        DemoUser user = state.users.get(username);
        DemoTokenIssuer tokens = state.tokens(state.issuer());
        HttpClient http = HttpClient.newHttpClient();
        for (RegisteredClient client : state.clients.values()) {
            if (client.backchannelLogoutUri().isEmpty()) {
                continue;
            }
            for (String sid : sids) {
                String body = "logout_token=" + URLEncoder.encode(
                        tokens.logoutToken(client.clientId(), user, sid), StandardCharsets.UTF_8);
                http.send(HttpRequest.newBuilder(client.backchannelLogoutUri().get())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private static boolean sameOrigin(URI registered, String target) {
        String origin = registered.getScheme() + "://" + registered.getRawAuthority();
        return target.equals(origin) || target.startsWith(origin + "/");
    }
}
