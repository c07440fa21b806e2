package io.oidcgateway.filter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * A form that arrives after its session ended is not lost (mod_auth_openidc's OIDCPreservePost):
 * the answer is a page that keeps the fields in the tab's {@code sessionStorage} and starts the
 * sign-in; the sign-in returns to {@link GatewayPaths#RESTORE}, whose page sends the form again
 * to the same address. The fields stay in the browser's tab; the gateway stores nothing.
 */
final class PreservedPost {
    /** Larger forms (file uploads are multipart anyway) get the usual sign-in without their fields. */
    static final int MAX_FIELD_CHARS = 64 * 1024;
    private static final String KEY = "oidc-gateway-post";

    private final String publicOrigin;

    /** @param publicUrl the gateway's public URL: only forms sent from its own pages are kept */
    PreservedPost(URI publicUrl) {
        this.publicOrigin = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
    }

    /**
     * @return false when the form is not kept: sent from another site (replaying it after the
     *         sign-in would turn a cross-site request into a same-site one: CSRF), or too large
     */
    boolean keep(HttpServletRequest request, HttpServletResponse response, String returnTo) throws IOException {
        if (!fromOwnPages(request)) {
            return false;
        }
        if (request.getCharacterEncoding() == null) {
            // Browsers send a UTF-8 page's form in UTF-8 without saying so.
            request.setCharacterEncoding("UTF-8");
        }
        Map<String, Integer> inQuery = queryCounts(request.getQueryString());
        List<List<String>> fields = new ArrayList<>();
        int chars = 0;
        for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
            String[] values = field.getValue();
            // The servlet API lists the query's values first; they stay in the URL, not in the form.
            int skip = Math.min(inQuery.getOrDefault(field.getKey(), 0), values.length);
            for (String value : Arrays.asList(values).subList(skip, values.length)) {
                chars += field.getKey().length() + value.length();
                fields.add(List.of(field.getKey(), value));
            }
        }
        if (chars > MAX_FIELD_CHARS) {
            return false;
        }
        String data = scriptSafe(JsonUtil.toJson(Map.of("url", returnTo, "fields", fields)));
        page(response, "Signing in again", "<p>Your sign-in has ended. What you sent is kept in this tab while you"
                + " sign in again, and then sent again.</p>"
                + "<script type=\"application/json\" id=\"" + KEY + "\">" + data + "</script>"
                + "<script>sessionStorage.setItem('" + KEY + "', document.getElementById('" + KEY + "').textContent);"
                + "location.replace('" + GatewayPaths.START + "?rd=' + encodeURIComponent('" + GatewayPaths.RESTORE
                + "'));</script>"
                + "<noscript><p>Turn on JavaScript to keep what you sent, or <a href=\"" + GatewayPaths.START
                + "\">sign in</a> and send it again.</p></noscript>");
        return true;
    }

    /** After the sign-in: sends the kept form again, once, to the same-origin address it was for. */
    void restore(HttpServletResponse response) throws IOException {
        page(response, "Sending your form again", "<p>Sending what you sent before signing in again...</p><script>"
                + "var raw = sessionStorage.getItem('" + KEY + "'); sessionStorage.removeItem('" + KEY + "');"
                + "var d = raw ? JSON.parse(raw) : null;"
                // Only a local path: the data came from this origin's page, and is checked again anyway.
                + "if (!d || typeof d.url !== 'string' || d.url.charAt(0) !== '/' || d.url.charAt(1) === '/'"
                + " || d.url.charAt(1) === '\\\\') { location.replace('/'); } else {"
                + " var f = document.createElement('form'); f.method = 'post'; f.action = d.url;"
                + " d.fields.forEach(function (p) { var i = document.createElement('input'); i.type = 'hidden';"
                + " i.name = p[0]; i.value = p[1]; f.appendChild(i); });"
                + " document.body.appendChild(f); f.submit(); }</script>");
    }

    /** Sec-Fetch-Site from current browsers, else Origin; neither: not known to be ours, not kept. */
    private boolean fromOwnPages(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return "same-origin".equalsIgnoreCase(site);
        }
        String origin = request.getHeader("Origin");
        return origin != null && origin.equalsIgnoreCase(publicOrigin);
    }

    private static Map<String, Integer> queryCounts(String query) {
        Map<String, Integer> counts = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    counts.merge(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** JSON that cannot end the script element it sits in, nor open a comment. */
    private static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static void page(HttpServletResponse response, String title, String body) throws IOException {
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title></head><body>" + body + "</body></html>");
    }
}
