package io.oidcgateway.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;

/** A token-endpoint refusal in Entra ID's shape: OAuth error, AADSTS code and text, trace ids. */
final class EntraError extends Exception {
    private final int status;
    private final String error;
    private final int code;

    EntraError(int status, String error, int code, String text) {
        super("AADSTS" + code + ": " + text, null, false, false);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    static EntraError invalidRequest(int code, String text) {
        return new EntraError(400, "invalid_request", code, text);
    }

    static EntraError invalidClient(int code, String text) {
        return new EntraError(401, "invalid_client", code, text);
    }

    static EntraError invalidGrant(int code, String text) {
        return new EntraError(400, "invalid_grant", code, text);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    int code() {
        return code;
    }

    String toJson(Instant now) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage() + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: " + correlation
                + "\r\nTimestamp: " + now);
        body.put("error_codes", List.of(code));
        body.put("timestamp", now.toString());
        body.put("trace_id", trace);
        body.put("correlation_id", correlation);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return JsonUtil.toJson(body);
    }
}
