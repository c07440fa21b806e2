package io.oidcgateway.filter;

import java.util.List;
import java.util.Map;

/**
 * What the gateway answers for a {@link GatewayError}, apart from how a server writes it.
 *
 * @param headers set on the response in this order, each replacing any of its name
 */
public record ErrorAnswer(int status, List<Map.Entry<String, String>> headers, String contentType, String body) {
    public ErrorAnswer {
        headers = List.copyOf(headers);
    }
}
