package io.oidcgateway.filter;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Tells a person's browser navigation, which may be redirected to log in, from an API call, which gets 401. */
public final class RequestClassifier {
    private RequestClassifier() {
    }

    /** A form a person submitted in a browser tab (not a script's POST), whose fields can be kept and sent again. */
    public static boolean isBrowserFormPost(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && loadsATab(request::getHeader);
    }

    public static boolean isBrowserNavigation(HttpServletRequest request) {
        return isBrowserNavigation(request.getMethod(), request::getHeader);
    }

    /** @param header the request's first value of a header name, or null: for a server that has no servlet API */
    public static boolean isBrowserNavigation(String method, UnaryOperator<String> header) {
        return ("GET".equals(method) || "HEAD".equals(method)) && loadsATab(header);
    }

    /** The browser will show the answer as a page: not a script's request (fetch, XHR). */
    private static boolean loadsATab(UnaryOperator<String> header) {
        if (header.apply("X-Requested-With") != null) {
            return false;
        }
        String fetchMode = header.apply("Sec-Fetch-Mode");
        if (fetchMode != null) {
            return "navigate".equalsIgnoreCase(fetchMode);
        }
        String accept = header.apply("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }
}
