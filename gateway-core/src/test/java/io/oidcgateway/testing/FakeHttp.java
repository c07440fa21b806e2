package io.oidcgateway.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A servlet request and response held in memory, for unit tests of the filter that need no
 * server. Only what the gateway calls is answered; anything else fails loudly, so a test
 * never passes on a silently wrong default.
 */
public final class FakeHttp {
    private FakeHttp() {
    }

    /** A request the test describes; {@link #servlet()} is what the filter sees. */
    /** Sends one request through a filter, as the container would, and returns what it answered. */
    public static Response send(Filter filter, Request request, Chain chain) throws Exception {
        Response response = new Response();
        filter.doFilter(request.servlet(), response.servlet(), chain);
        return response;
    }

    public static Response send(Filter filter, Request request) throws Exception {
        return send(filter, request, new Chain());
    }

    /** The decoded query parameters of a URL, e.g. of a redirect to the IdP. */
    public static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    public static final class Request {
        private final String method;
        private final String uri;
        private final String query;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final List<Cookie> cookies = new ArrayList<>();

        /** @param target the path and an optional query, as in the request line */
        public Request(String method, String target) {
            this.method = method;
            int q = target.indexOf('?');
            this.uri = q < 0 ? target : target.substring(0, q);
            this.query = q < 0 ? null : target.substring(q + 1);
            if (query != null) {
                for (String pair : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    parameters.putIfAbsent(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
                }
            }
        }

        public static Request get(String target) {
            return new Request("GET", target);
        }

        public Request header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /** A browser navigation, which may be redirected to log in. */
        public Request browser() {
            return header("Accept", "text/html");
        }

        /** As a browser sends it: in the one Cookie header, and to {@code getCookies()} as the container parses it. */
        public Request cookie(String name, String value) {
            cookies.add(new Cookie(name, value));
            List<String> header = headers.computeIfAbsent("Cookie", n -> new ArrayList<>());
            if (header.isEmpty()) {
                header.add(name + "=" + value);
            } else {
                header.set(0, header.get(0) + "; " + name + "=" + value);
            }
            return this;
        }

        public Request cookies(Response from) {
            from.cookies.stream().filter(c -> c.getMaxAge() != 0).forEach(c -> cookie(c.getName(), c.getValue()));
            return this;
        }

        public Request parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        private List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        public HttpServletRequest servlet() {
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI" -> uri;
                        case "getContextPath" -> "";
                        case "getQueryString" -> query;
                        case "getHeader" -> headerValues((String) args[0]).stream().findFirst().orElse(null);
                        case "getHeaders" -> Collections.enumeration(headerValues((String) args[0]));
                        case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                        case "getContentType" -> headerValues("Content-Type").stream().findFirst().orElse(null);
                        case "getParameter" -> parameters.get((String) args[0]);
                        case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "getRemoteAddr" -> "127.0.0.1";
                        case "toString" -> method + " " + uri;
                        default -> throw new UnsupportedOperationException("FakeHttp.Request." + m.getName());
                    });
        }

        private static String decode(String s) {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** What the filter answered. */
    public static final class Response {
        private int status = 200;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final List<Cookie> cookies = new ArrayList<>();
        private StringWriter body = new StringWriter();

        public int status() {
            return status;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).map(v -> v.get(0));
        }

        public Optional<Cookie> cookie(String name) {
            return cookies.stream().filter(c -> c.getName().equals(name)).reduce((a, b) -> b);
        }

        public String body() {
            return body.toString();
        }

        public HttpServletResponse servlet() {
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "setHeader" -> headers.put(((String) args[0]).toLowerCase(Locale.ROOT),
                                new ArrayList<>(List.of((String) args[1])));
                        case "addHeader" -> headers.computeIfAbsent(((String) args[0]).toLowerCase(Locale.ROOT),
                                n -> new ArrayList<>()).add((String) args[1]);
                        case "getHeader" -> header((String) args[0]).orElse(null);
                        case "setContentType" -> headers.put("content-type", new ArrayList<>(List.of((String) args[0])));
                        case "addCookie" -> cookies.add((Cookie) args[0]);
                        case "getWriter" -> new PrintWriter(body, true);
                        case "resetBuffer" -> {
                            body = new StringWriter();
                            yield null;
                        }
                        case "isCommitted" -> false;
                        case "toString" -> "response " + status;
                        default -> throw new UnsupportedOperationException("FakeHttp.Response." + m.getName());
                    });
        }
    }

    /** The application behind the filter: remembers the request it was passed, as the upstream would see it. */
    public static final class Chain implements FilterChain {
        private HttpServletRequest passed;

        @Override
        public void doFilter(ServletRequest request, jakarta.servlet.ServletResponse response) {
            passed = (HttpServletRequest) request;
        }

        public Optional<HttpServletRequest> passed() {
            return Optional.ofNullable(passed);
        }
    }
}
