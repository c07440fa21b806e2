package io.oidcgateway.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.LogConfig;
import io.oidcgateway.server.LogSetup;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code server.access-log}: one line per request with what an operator needs, and never a query string. */
class AccessLogTest extends SignedInGateway {
    Path accessLog;

    @BeforeEach
    void accessLogFile() {
        accessLog = dir.resolve("access.log");
    }

    @AfterEach
    void unconfigured() {
        LogSetup.apply(LogSetup.UNCONFIGURED);
    }

    private void send(String path, String requestId, boolean signedIn) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(path)))
                .header("Accept", "application/json").header("X-Request-Id", requestId);
        if (signedIn) {
            request.header("Cookie", "gateway_session=" + session);
        }
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The line is written as the request completes, which may be just after the client has its answer. */
    private String lineOf(String requestId) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(accessLog)) {
                Optional<String> line = Files.readAllLines(accessLog).stream()
                        .filter(l -> l.contains(requestId)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access-log line for " + requestId + " in " + accessLog);
    }

    @Test
    void textThenOneLineWithTimeClientMethodPathStatusBytesDurationUserRouteUpstreamAndId() throws Exception {
        LogSetup.apply(new LogConfig(LogConfig.Format.TEXT, LogConfig.Level.INFO,
                new LogConfig.AccessLog(true, Optional.of(accessLog))));
        String sub = system.gateway.gateway().sessions().get(session).orElseThrow().identity().subject();

        send("/data?code=Secret-Code-0451&state=s", "acc-1", true);
        send("/api/x", "acc-2", true);
        send("/nope", "acc-3", false);

        String proxied = lineOf("acc-1");
        assertTrue(proxied.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z 127\\.0\\.0\\.1 GET /data 200 [1-9]\\d* \\d+ms user="
                + sub + " route=default upstream=\\d+ms id=acc-1"), proxied);
        assertFalse(Files.readString(accessLog).contains("Secret-Code"), "a query string may carry a code");
        assertTrue(lineOf("acc-2").matches(".* GET /api/x 502 \\d+ \\d+ms user=" + sub + " route=api upstream=\\d+ms"
                + " id=acc-2"), lineOf("acc-2"));
        assertTrue(lineOf("acc-3").matches(".* GET /nope 401 \\d+ \\d+ms user=- route=- upstream=- id=acc-3"),
                lineOf("acc-3"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonThenEachLineIsAnObjectWithTheFieldsAsKeys() throws Exception {
        LogSetup.apply(new LogConfig(LogConfig.Format.JSON, LogConfig.Level.INFO,
                new LogConfig.AccessLog(true, Optional.of(accessLog))));

        send("/data", "acc-json", true);

        String line = lineOf("acc-json");
        Map<String, Object> entry = JsonUtil.parseJson(line);
        assertEquals("INFO", entry.get("level"));
        String fields = String.valueOf(entry.get("kvpList"));
        for (String field : List.of("status=200", "route=default", "request_id=acc-json", "method=GET", "path=/data")) {
            assertTrue(fields.contains(field), field + " in " + line);
        }
    }

    @Test
    void switchedOffThenNoMoreLines() throws Exception {
        LogSetup.apply(new LogConfig(LogConfig.Format.TEXT, LogConfig.Level.INFO,
                new LogConfig.AccessLog(true, Optional.of(accessLog))));
        send("/data", "acc-on", true);
        lineOf("acc-on");

        LogSetup.apply(new LogConfig(LogConfig.Format.TEXT, LogConfig.Level.INFO, LogConfig.AccessLog.OFF));
        send("/data", "acc-off", true);
        send("/data", "acc-after", true);
        Thread.sleep(300);

        assertFalse(Files.readString(accessLog).contains("acc-off"));
        assertFalse(Files.readString(accessLog).contains("acc-after"));
    }

    @Test
    void logLevelWarnThenTheAccessLogStillWrites() throws Exception {
        LogSetup.apply(new LogConfig(LogConfig.Format.TEXT, LogConfig.Level.WARN,
                new LogConfig.AccessLog(true, Optional.of(accessLog))));

        send("/data", "acc-warn", true);

        assertTrue(lineOf("acc-warn").contains(" GET /data 200 "), lineOf("acc-warn"));
    }
}
