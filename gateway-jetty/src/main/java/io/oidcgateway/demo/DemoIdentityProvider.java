package io.oidcgateway.demo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.filter.Html;
import io.oidcgateway.session.RandomTokens;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.base64url.Base64Url;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small but honest OpenID provider for the demo and the tests: discovery, JWKS, a login
 * form, the token endpoint (code with PKCE, refresh with rotation) and logout. Client
 * authentication follows Entra ID's rules and answers with Entra's error codes and texts.
 */
public final class DemoIdentityProvider {
    private static final Logger LOG = LoggerFactory.getLogger(DemoIdentityProvider.class);
    private static final String SESSION_COOKIE = "demo_idp_session";

    /** A code waiting to be redeemed. */
    private record IssuedCode(String clientId, String redirectUri, DemoUser user, String nonce, String challenge,
            String scope, String sid) {
    }

    /** What a refresh token stands for. */
    private record Grant(String clientId, DemoUser user, String scope, String sid) {
    }

    /** A browser signed in at the IdP; {@code sid} is what tokens carry, never the cookie value. */
    private record IdpSession(DemoUser user, String sid) {
    }

    private final String host;
    private final int port;
    private final Clock clock;
    private final DemoIdpSettings settings;
    private final RandomTokens random = new RandomTokens(new SecureRandom());
    private volatile RsaJsonWebKey signingKey;
    private final ClientAssertionRules assertionRules;
    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final Map<String, DemoUser> users = new ConcurrentHashMap<>();
    private final Cache<String, IssuedCode> codes;
    private final Cache<String, Boolean> redeemedCodes;
    private final Cache<String, Grant> refreshTokens;
    private final Cache<String, IdpSession> idpSessions;
    private final List<String> receivedAssertions = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshGrants = new AtomicInteger();
    private volatile Map<String, String> lastAuthorizationRequest = Map.of();
    private volatile boolean tokenEndpointDown;
    private volatile Optional<IdTokenAttack> idTokenAttack = Optional.empty();
    private volatile Optional<String> announcedIssuer = Optional.empty();
    private volatile boolean endSession = true;
    private Optional<KeyStore> tls = Optional.empty();
    private final List<String> issuedRefreshTokens = new CopyOnWriteArrayList<>();
    private LoopbackServer server;
    private String issuer;
    private volatile DemoTokenIssuer tokens;

    /** @param port 0 binds a free port; the issuer is {@code http://host:port} */
    public DemoIdentityProvider(String host, int port, Clock clock, DemoIdpSettings settings) {
        this.host = host;
        this.port = port;
        this.clock = clock;
        this.settings = settings;
        this.assertionRules = new ClientAssertionRules(clock, settings.rejectReusedJti());
        DemoUser.DEFAULTS.forEach(u -> users.put(u.username(), u));
        try {
            this.signingKey = RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot create the demo IdP's signing key", e);
        }
        signingKey.setKeyId("demo-" + random.next().substring(0, 8));
        signingKey.setUse("sig");
        signingKey.setAlgorithm("RS256");
        this.codes = cache(2, TimeUnit.MINUTES);
        this.redeemedCodes = cache(10, TimeUnit.MINUTES);
        this.refreshTokens = Caffeine.newBuilder().expireAfterWrite(settings.refreshTokenLifetime())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).maximumSize(100_000).build();
        this.idpSessions = cache(8, TimeUnit.HOURS);
    }

    private <V> Cache<String, V> cache(long amount, TimeUnit unit) {
        return Caffeine.newBuilder().expireAfterWrite(amount, unit)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).maximumSize(100_000).build();
    }

    /**
     * Serves https with this key and certificate from the next {@link #start()}, as Microsoft's
     * libraries insist on (the key entry's password is {@code changeit}).
     */
    public void serveHttps(KeyStore keyStore) {
        this.tls = Optional.of(keyStore);
    }

    public void start() throws Exception {
        server = LoopbackServer.start(host, port, new Endpoints(), tls);
        issuer = (tls.isPresent() ? "https://" : "http://") + host + ":" + server.port();
        tokens = new DemoTokenIssuer(issuer, signingKey, clock);
        LOG.info("demo identity provider at {} (users: {}; the password is the user name)", issuer,
                String.join(", ", DemoUser.DEFAULTS.stream().map(DemoUser::username).toList()));
    }

    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    public URI issuer() {
        return URI.create(issuer);
    }

    public URI tokenEndpoint() {
        return URI.create(issuer + "/token");
    }

    public void register(RegisteredClient client) {
        clients.put(client.clientId(), client);
    }

    /** The client assertions the token endpoint received, newest last, so tests can inspect them. */
    public List<String> receivedAssertions() {
        return Collections.unmodifiableList(receivedAssertions);
    }

    /** How many refresh-token grants the token endpoint has answered (successfully or not). */
    public int refreshGrants() {
        return refreshGrants.get();
    }

    /** The parameters of the last authorization request, so tests see what the gateway asked for. */
    public Map<String, String> lastAuthorizationRequest() {
        return lastAuthorizationRequest;
    }

    /** From now on, issues ID tokens with this defect (empty: honest tokens again). */
    public void misbehave(Optional<IdTokenAttack> attack) {
        idTokenAttack = attack;
    }

    /** Makes discovery name another issuer than the one the IdP really is. */
    public void announceIssuer(String issuer) {
        announcedIssuer = Optional.of(issuer);
    }

    /** Leaves end_session_endpoint out of discovery, as IdPs without RP-initiated logout do. */
    public void withoutEndSession() {
        endSession = false;
    }

    /** Signs with a new key under a new kid from now on; the key set publishes only the new key. */
    public void rotateSigningKey() throws JoseException {
        RsaJsonWebKey next = RsaJwkGenerator.generateJwk(2048);
        next.setKeyId("demo-" + random.next().substring(0, 8));
        next.setUse("sig");
        next.setAlgorithm("RS256");
        signingKey = next;
        tokens = new DemoTokenIssuer(issuer, next, clock);
    }

    /** Every refresh token issued, so tests can look for them where they must not be (logs). */
    public List<String> issuedRefreshTokens() {
        return Collections.unmodifiableList(issuedRefreshTokens);
    }

    /** Makes the token endpoint answer 503, as during an IdP outage, until switched back. */
    public void tokenEndpointDown(boolean down) {
        tokenEndpointDown = down;
    }

    /** Revokes every refresh token, as an administrator revoking a user's sessions would. */
    public void revokeRefreshTokens() {
        refreshTokens.invalidateAll();
    }

    /**
     * Ends the user's sessions at the IdP and tells every client with a back-channel logout URI,
     * with a signed logout token per IdP session (OpenID Connect Back-Channel Logout 1.0).
     */
    public void endSessionsOf(String username) throws Exception {
        List<String> sids = new ArrayList<>();
        idpSessions.asMap().entrySet().removeIf(e -> {
            if (e.getValue().user().username().equals(username)) {
                sids.add(e.getValue().sid());
                return true;
            }
            return false;
        });
        DemoUser user = users.get(username);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (RegisteredClient client : clients.values()) {
            if (client.backchannelLogoutUri().isEmpty()) {
                continue;
            }
            for (String sid : sids) {
                String body = "logout_token=" + URLEncoder.encode(
                        tokens.logoutToken(client.clientId(), user, sid), StandardCharsets.UTF_8);
                http.send(java.net.http.HttpRequest.newBuilder(client.backchannelLogoutUri().get())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private final class Endpoints extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setHeader("Cache-Control", "no-store");
            Optional<DemoSite> site = DemoSite.of(issuer, request.getRequestURI());
            if (site.isEmpty()) {
                response.sendError(404);
                return;
            }
            switch (site.get().endpoint()) {
                case "discovery" -> json(response, 200, discovery(site.get()));
                case "jwks" -> json(response, 200, JsonUtil.toJson(Map.of("keys",
                        List.of(signingKey.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)))));
                case "authorize" -> authorize(request, response);
                case "token" -> token(request, response, site.get());
                default -> logout(request, response);
            }
        }
    }

    private String discovery(DemoSite site) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", site.issuer().equals(issuer) ? announcedIssuer.orElse(issuer) : site.issuer());
        doc.put("authorization_endpoint", site.authorize());
        doc.put("token_endpoint", site.token());
        doc.put("jwks_uri", site.jwks());
        if (endSession) {
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

    private void authorize(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> seen.put(k, v[0]));
        seen.remove("password");
        lastAuthorizationRequest = Map.copyOf(seen);
        RegisteredClient client = clients.get(String.valueOf(request.getParameter("client_id")));
        String redirectUri = request.getParameter("redirect_uri");
        if (client == null) {
            page(response, 400, "Unknown application", "AADSTS700016: Application with identifier '"
                    + request.getParameter("client_id") + "' was not found in the directory 'demo'.");
            return;
        }
        if (redirectUri == null || client.redirectUris().stream().noneMatch(u -> u.toString().equals(redirectUri))) {
            page(response, 400, "Redirect URI not registered", "AADSTS50011: The redirect URI '" + redirectUri
                    + "' specified in the request does not match the redirect URIs configured for the application '"
                    + client.clientId() + "'.");
            return;
        }
        String state = request.getParameter("state");
        if (!"code".equals(request.getParameter("response_type"))) {
            redirect(response, redirectUri, Map.of("error", "unsupported_response_type", "state", nz(state)));
            return;
        }
        String challenge = request.getParameter("code_challenge");
        if (challenge == null || !"S256".equals(request.getParameter("code_challenge_method"))) {
            redirect(response, redirectUri, Map.of("error", "invalid_request", "error_description",
                    "AADSTS9002325: Proof Key for Code Exchange is required (code_challenge_method=S256).",
                    "state", nz(state)));
            return;
        }
        IdpSession session = signedIn(request);
        boolean forceLogin = "login".equals(request.getParameter("prompt")) && !"POST".equals(request.getMethod());
        String error = null;
        if ((session == null || forceLogin) && "POST".equals(request.getMethod())) {
            DemoUser candidate = users.get(nz(request.getParameter("username")));
            if (candidate != null && MessageDigest.isEqual(candidate.password().getBytes(StandardCharsets.UTF_8),
                    nz(request.getParameter("password")).getBytes(StandardCharsets.UTF_8))) {
                String cookie = random.next();
                session = new IdpSession(candidate, random.next());
                idpSessions.put(cookie, session);
                response.addHeader("Set-Cookie", SESSION_COOKIE + "=" + cookie + "; Path=/; HttpOnly; SameSite=Lax");
            } else {
                session = null;
                error = "Wrong user name or password.";
            }
        }
        if (session == null || forceLogin) {
            loginForm(request, response, error);
            return;
        }
        String code = random.next();
        codes.put(code, new IssuedCode(client.clientId(), redirectUri, session.user(), request.getParameter("nonce"),
                challenge, nz(request.getParameter("scope")), session.sid()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        if (state != null) {
            params.put("state", state);
        }
        if ("form_post".equals(request.getParameter("response_mode"))) {
            formPost(response, redirectUri, params);
        } else {
            redirect(response, redirectUri, params);
        }
    }

    private IdpSession signedIn(HttpServletRequest request) {
        return idpSessionId(request).map(idpSessions::getIfPresent).orElse(null);
    }

    /** response_mode=form_post: a page that POSTs the answer to the client (a button when scripts are off). */
    private static void formPost(HttpServletResponse response, String redirectUri, Map<String, String> params)
            throws IOException {
        StringBuilder fields = new StringBuilder();
        params.forEach((k, v) -> fields.append("<input type=\"hidden\" name=\"").append(Html.escape(k))
                .append("\" value=\"").append(Html.escape(v)).append("\">"));
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Continue - demo identity"
                + " provider</title></head><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\""
                + Html.escape(redirectUri) + "\">" + fields + "<button id=\"continue\" type=\"submit\">Continue"
                + "</button></form></body></html>");
    }

    private Optional<String> idpSessionId(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie c : request.getCookies()) {
            if (SESSION_COOKIE.equals(c.getName())) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    private static final String DEMO_USER_LIST = DemoUser.DEFAULTS.stream()
            .map(u -> "<li><small><code>" + Html.escape(u.username()) + "</code>: " + Html.escape(u.note())
                    + "</small></li>")
            .collect(java.util.stream.Collectors.joining());

    /** Adds a user beside the default ones, or replaces one of the same name. */
    public void addUser(DemoUser user) {
        users.put(user.username(), user);
    }

    private void loginForm(HttpServletRequest request, HttpServletResponse response, String error) throws IOException {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "response_type", "scope", "state", "nonce",
                "code_challenge", "code_challenge_method", "response_mode", "login_hint")) {
            String value = request.getParameter(name);
            if (value != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(Html.escape(value)).append("\">");
            }
        }
        response.setStatus(error == null ? 200 : 401);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>Sign in - demo identity provider</title></head><body style=\"font-family:sans-serif;"
                + "max-width:24rem;margin:3rem auto\"><h1>Demo identity provider</h1>"
                + (error == null ? "" : "<p id=\"error\" style=\"color:#b00\">" + Html.escape(error) + "</p>")
                + "<form id=\"login\" method=\"post\" action=\"/authorize\">" + hidden
                + "<p><label>User name <input id=\"username\" name=\"username\" autofocus></label></p>"
                + "<p><label>Password <input id=\"password\" name=\"password\" type=\"password\"></label></p>"
                + "<p><button id=\"submit\" type=\"submit\">Sign in</button></p></form>"
                + "<p><small>Demo users (the password is the user name):</small></p><ul>" + DEMO_USER_LIST
                + "</ul></body></html>");
    }

    /** @param site the issuer and token endpoint the client called: the assertion's aud must name the latter */
    private void token(HttpServletRequest request, HttpServletResponse response, DemoSite site) throws IOException {
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> form.put(k, v[0]));
        Optional.ofNullable(form.get("client_assertion")).ifPresent(receivedAssertions::add);
        pause(settings.tokenEndpointDelay());
        if (tokenEndpointDown) {
            json(response, 503, "{\"error\":\"temporarily_unavailable\",\"error_description\":\"demo outage\"}");
            return;
        }
        try {
            if (!"POST".equals(request.getMethod())) {
                throw EntraError.invalidRequest(900561, "The endpoint only accepts POST requests.");
            }
            RegisteredClient client = assertionRules.authenticate(form, request.getHeader("Authorization"),
                    URI.create(site.token()), id -> Optional.ofNullable(clients.get(id)));
            DemoTokenIssuer issuing = site.issuer().equals(issuer) ? tokens
                    : new DemoTokenIssuer(site.issuer(), signingKey, clock);
            String grantType = nz(form.get("grant_type"));
            switch (grantType) {
                case "authorization_code" -> json(response, 200, redeem(client, form, issuing));
                case "refresh_token" -> json(response, 200, refresh(client, form, issuing));
                default -> throw new EntraError(400, "unsupported_grant_type", 70003,
                        "The app requested an unsupported grant type '" + grantType + "'.");
            }
        } catch (EntraError e) {
            LOG.info("demo IdP refused a token request: {} AADSTS{}", e.error(), e.code());
            json(response, e.status(), e.toJson(clock.instant()));
        }
    }

    private String redeem(RegisteredClient client, Map<String, String> form, DemoTokenIssuer issuing)
            throws EntraError {
        String code = nz(form.get("code"));
        IssuedCode issued = codes.asMap().remove(code);
        if (issued == null) {
            if (redeemedCodes.getIfPresent(code) != null) {
                throw EntraError.invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry"
                        + " with a new valid code or use an existing refresh token.");
            }
            throw EntraError.invalidGrant(70008, "The provided authorization code or refresh token has expired due"
                    + " to inactivity. Send a new interactive authorization request for this user and resource.");
        }
        redeemedCodes.put(code, Boolean.TRUE);
        if (!issued.clientId().equals(client.clientId())) {
            throw EntraError.invalidGrant(70000, "The provided value for the 'code' parameter is not valid.");
        }
        if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
            throw EntraError.invalidGrant(50011, "The redirect URI '" + form.get("redirect_uri") + "' does not match"
                    + " the one the authorization code was issued for.");
        }
        if (!issued.challenge().equals(s256(nz(form.get("code_verifier"))))) {
            throw EntraError.invalidGrant(501481,
                    "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }
        return tokenResponse(issuing, client, issued.user(), issued.scope(), issued.sid(), issued.nonce());
    }

    private String refresh(RegisteredClient client, Map<String, String> form, DemoTokenIssuer issuing)
            throws EntraError {
        refreshGrants.incrementAndGet();
        Grant grant = refreshTokens.asMap().remove(nz(form.get("refresh_token")));
        if (grant == null || !grant.clientId().equals(client.clientId())) {
            throw EntraError.invalidGrant(70008, "The provided authorization code or refresh token has expired due"
                    + " to inactivity. Send a new interactive authorization request for this user and resource.");
        }
        return tokenResponse(issuing, client, grant.user(), grant.scope(), grant.sid(), null);
    }

    private String tokenResponse(DemoTokenIssuer tokens, RegisteredClient client, DemoUser user, String scope,
            String sid, String nonce) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", scope);
        body.put("expires_in", settings.accessTokenLifetime().toSeconds());
        body.put("access_token", tokens.accessToken(client.clientId(), user, scope, settings.accessTokenLifetime()));
        body.put("id_token", tokens.idToken(client.clientId(), user, nonce, sid, settings.idTokenLifetime(),
                idTokenAttack));
        if (List.of(scope.split(" ")).contains("offline_access")) {
            String refreshToken = random.next();
            refreshTokens.put(refreshToken, new Grant(client.clientId(), user, scope, sid));
            issuedRefreshTokens.add(refreshToken);
            body.put("refresh_token", refreshToken);
        }
        return JsonUtil.toJson(body);
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        idpSessionId(request).ifPresent(idpSessions::invalidate);
        response.addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        String target = request.getParameter("post_logout_redirect_uri");
        RegisteredClient client = clients.get(String.valueOf(request.getParameter("client_id")));
        if (target != null && client != null && client.redirectUris().stream()
                .anyMatch(r -> sameOrigin(r, target))) {
            response.sendRedirect(target);
            return;
        }
        page(response, 200, "Signed out", "You are signed out of the demo identity provider.");
    }

    private static void pause(java.time.Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean sameOrigin(URI registered, String target) {
        String origin = registered.getScheme() + "://" + registered.getRawAuthority();
        return target.equals(origin) || target.startsWith(origin + "/");
    }

    /** Computed here rather than borrowed from the gateway, so a PKCE mistake there cannot cancel out. */
    private static String s256(String verifier) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void redirect(HttpServletResponse response, String base, Map<String, String> params)
            throws IOException {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        response.sendRedirect(base + (base.contains("?") ? "&" : "?") + String.join("&", pairs));
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.getWriter().write(body);
    }

    private static void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + " - demo identity provider</title></head><body><h1>" + Html.escape(title) + "</h1><p>"
                + Html.escape(text) + "</p></body></html>");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
