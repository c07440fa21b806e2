package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestClassifierTest {
    /** A request that answers only getMethod and getHeader: all the classifier reads. */
    private static HttpServletRequest request(String method, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestClassifierTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "GET, text/html, -, -, true",
            "HEAD, text/html, -, -, true",
            "GET, */*, navigate, -, true",
            "GET, text/html, cors, -, false",
            "GET, text/html, -, XMLHttpRequest, false",
            "GET, application/json, -, -, false",
            "POST, text/html, navigate, -, false",
            "GET, -, -, -, false"})
    void isBrowserNavigation(String method, String accept, String fetchMode, String requestedWith, boolean expected) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (accept != null) headers.put("Accept", accept);
        if (fetchMode != null) headers.put("Sec-Fetch-Mode", fetchMode);
        if (requestedWith != null) headers.put("X-Requested-With", requestedWith);

        assertEquals(expected, RequestClassifier.isBrowserNavigation(request(method, headers)));
    }
}
