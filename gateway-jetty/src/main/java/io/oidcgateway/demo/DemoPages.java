package io.oidcgateway.demo;

import io.oidcgateway.filter.Html;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the demo IdP answers browsers and clients: pages, JSON, redirects, and its own session cookie. */
final class DemoPages {
    static final String SESSION_COOKIE = "demo_idp_session";

    private static final String DEMO_USER_LIST = DemoUser.DEFAULTS.stream()
            .map(u -> "<li><small><code>" + Html.escape(u.username()) + "</code>: " + Html.escape(u.note())
                    + "</small></li>")
            .collect(Collectors.joining());

    private DemoPages() {
    }

    static void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + " - demo identity provider</title></head><body><h1>" + Html.escape(title) + "</h1><p>"
                + Html.escape(text) + "</p></body></html>");
    }

    static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.getWriter().write(body);
    }

    static void redirect(HttpServletResponse response, String base, Map<String, String> params) throws IOException {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        response.sendRedirect(base + (base.contains("?") ? "&" : "?") + String.join("&", pairs));
    }

    /** response_mode=form_post: a page that POSTs the answer to the client (a button when scripts are off). */
    static void formPost(HttpServletResponse response, String redirectUri, Map<String, String> params)
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

    /** The login form, carrying the authorization request's parameters along. */
    static void loginForm(HttpServletRequest request, HttpServletResponse response, String error) throws IOException {
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

    /** The browser's session at the demo IdP, if it signed in there. */
    static Optional<String> idpSessionId(HttpServletRequest request) {
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

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
