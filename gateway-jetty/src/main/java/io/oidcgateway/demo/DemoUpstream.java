package io.oidcgateway.demo;

import io.oidcgateway.filter.Html;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;

/**
 * An application with no login of its own: it shows every request it receives, so a person
 * (or a test) sees the bearer token and identity headers the gateway added. JSON when the
 * client accepts it, HTML otherwise.
 */
public final class DemoUpstream {
    private final String host;
    private final int port;
    private LoopbackServer server;
    private URI url;
    private Optional<KeyStore> tls = Optional.empty();

    /** @param port 0 binds a free port */
    public DemoUpstream(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Serves https with this key and certificate from the next {@link #start()}, as an internal app with a private CA would. */
    public void serveHttps(KeyStore keyStore) {
        this.tls = Optional.of(keyStore);
    }

    public void start() throws Exception {
        server = LoopbackServer.start(host, port, new Echo(), tls);
        url = URI.create((tls.isPresent() ? "https://" : "http://") + host + ":" + server.port());
    }

    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    public URI url() {
        return url;
    }

    private static final class Echo extends HttpServlet {
        /** The fields of a posted form, so a person (and a test) sees what arrived. */
        private static String form(HttpServletRequest request) {
            if (!"POST".equals(request.getMethod())) {
                return "";
            }
            StringBuilder fields = new StringBuilder("<ul id=\"form\">");
            request.getParameterMap().forEach((name, values) -> {
                for (String value : values) {
                    fields.append("<li class=\"field\" data-name=\"").append(Html.escape(name)).append("\">")
                            .append(Html.escape(value)).append("</li>");
                }
            });
            return fields.append("</ul>").toString();
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
            }
            String query = request.getQueryString();
            String target = request.getRequestURI() + (query == null ? "" : "?" + query);
            String accept = String.valueOf(request.getHeader("Accept"));
            response.setHeader("Cache-Control", "no-store");
            if (accept.contains("application/json") && !accept.contains("text/html")) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("method", request.getMethod());
                body.put("uri", target);
                body.put("headers", headers);
                response.setContentType("application/json");
                response.getWriter().write(JsonUtil.toJson(body));
                return;
            }
            StringBuilder rows = new StringBuilder();
            headers.forEach((name, values) -> values.forEach(v -> rows.append("<tr><th>").append(Html.escape(name))
                    .append("</th><td class=\"header\" data-name=\"").append(Html.escape(name.toLowerCase()))
                    .append("\">").append(Html.escape(v)).append("</td></tr>")));
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Demo upstream"
                    + "</title><style>body{font-family:sans-serif;margin:2rem}td{font-family:monospace;"
                    + "word-break:break-all}th{text-align:left;padding-right:1rem}</style></head><body>"
                    + "<h1>Demo upstream</h1><p>This application has no login of its own. oidc-gateway signed you in"
                    + " and forwarded this request:</p><p id=\"request\"><code>" + Html.escape(request.getMethod())
                    + " " + Html.escape(target) + "</code></p>" + form(request) + "<table id=\"headers\">" + rows
                    + "</table>"
                    + "<p><a href=\"/oauth2/userinfo\">/oauth2/userinfo</a> · <a href=\"/oauth2/sign_out\">Sign out</a>"
                    + "</p></body></html>");
        }
    }
}
