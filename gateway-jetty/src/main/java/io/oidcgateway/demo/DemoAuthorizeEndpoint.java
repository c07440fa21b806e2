package io.oidcgateway.demo;

import static io.oidcgateway.demo.DemoPages.nz;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo IdP's authorization endpoint: checks the client and redirect URI as Entra does,
 * signs the user in with its login form ({@code prompt=login} honoured), and answers with a
 * code by redirect or, for {@code response_mode=form_post}, by a posting page.
 */
final class DemoAuthorizeEndpoint {
    private final DemoState state;

    DemoAuthorizeEndpoint(DemoState state) {
        this.state = state;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        remember(request);
        RegisteredClient client = state.clients.get(String.valueOf(request.getParameter("client_id")));
        String redirectUri = request.getParameter("redirect_uri");
        if (client == null) {
            DemoPages.page(response, 400, "Unknown application", "AADSTS700016: Application with identifier '"
                    + request.getParameter("client_id") + "' was not found in the directory 'demo'.");
            return;
        }
        if (redirectUri == null || client.redirectUris().stream().noneMatch(u -> u.toString().equals(redirectUri))) {
            DemoPages.page(response, 400, "Redirect URI not registered", "AADSTS50011: The redirect URI '" + redirectUri
                    + "' specified in the request does not match the redirect URIs configured for the application '"
                    + client.clientId() + "'.");
            return;
        }
        String stateParam = request.getParameter("state");
        if (!"code".equals(request.getParameter("response_type"))) {
            DemoPages.redirect(response, redirectUri, Map.of("error", "unsupported_response_type", "state",
                    nz(stateParam)));
            return;
        }
        String challenge = request.getParameter("code_challenge");
        if (challenge == null || !"S256".equals(request.getParameter("code_challenge_method"))) {
            DemoPages.redirect(response, redirectUri, Map.of("error", "invalid_request", "error_description",
                    "AADSTS9002325: Proof Key for Code Exchange is required (code_challenge_method=S256).",
                    "state", nz(stateParam)));
            return;
        }
        DemoState.IdpSession session = signIn(request, response);
        if (session == null) {
            return;
        }
        answer(request, response, client, redirectUri, challenge, session);
    }

    /** What the gateway asked for, without the password, for tests to look at. */
    private void remember(HttpServletRequest request) {
        Map<String, String> seen = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> seen.put(k, v[0]));
        seen.remove("password");
        state.lastAuthorizationRequest = Map.copyOf(seen);
    }

    /** @return the browser's IdP session, or null after showing the login form */
    private DemoState.IdpSession signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DemoState.IdpSession session = DemoPages.idpSessionId(request).map(state.idpSessions::getIfPresent)
                .orElse(null);
        boolean post = "POST".equals(request.getMethod());
        boolean forceLogin = "login".equals(request.getParameter("prompt")) && !post;
        String error = null;
        if ((session == null || forceLogin) && post) {
            DemoUser candidate = state.users.get(nz(request.getParameter("username")));
            if (candidate != null && MessageDigest.isEqual(candidate.password().getBytes(StandardCharsets.UTF_8),
                    nz(request.getParameter("password")).getBytes(StandardCharsets.UTF_8))) {
                String cookie = state.random.next();
                session = new DemoState.IdpSession(candidate, state.random.next());
                state.idpSessions.put(cookie, session);
                response.addHeader("Set-Cookie", DemoPages.SESSION_COOKIE + "=" + cookie
                        + "; Path=/; HttpOnly; SameSite=Lax");
            } else {
                session = null;
                error = "Wrong user name or password.";
            }
        }
        if (session == null || forceLogin) {
            DemoPages.loginForm(request, response, error);
            return null;
        }
        return session;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, RegisteredClient client,
            String redirectUri, String challenge, DemoState.IdpSession session) throws IOException {
        String code = state.random.next();
        state.codes.put(code, new DemoState.IssuedCode(client.clientId(), redirectUri, session.user(),
                request.getParameter("nonce"), challenge, nz(request.getParameter("scope")), session.sid()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        if (request.getParameter("state") != null) {
            params.put("state", request.getParameter("state"));
        }
        if ("form_post".equals(request.getParameter("response_mode"))) {
            DemoPages.formPost(response, redirectUri, params);
        } else {
            DemoPages.redirect(response, redirectUri, params);
        }
    }
}
