package io.oidcgateway.bench;

import io.oidcgateway.testing.FakeHttp;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The filter's own work on a signed-in request, without sockets: cookie -> session -> access
 * rules -> the forwarded request's headers read as the proxy reads them. This is the way of a
 * request the embedded server's short path leaves to the filter, and of every request in another
 * servlet container; {@code io.oidcgateway.proxy.ShortPathBenchmark} measures the short path.
 * The request is the shape of a browser's (a dozen headers, two foreign cookies besides the
 * session's). Run with one session in the store and with a million (Entra-sized, in the 4 GB heap
 * of every fork), for "a million sessions in 4 GB with requests still fast".
 */
public class RequestPathBenchmark extends RequestPathSettings {
    @Param({"1", "1000000"})
    private int sessions;

    private SignedInGateway signedIn;

    @Setup
    public void signedIn() throws Exception {
        signedIn = SignedInGateway.withSessions(sessions);
    }

    @TearDown
    public void close() {
        signedIn.close();
    }

    @Benchmark
    public void signedInRequest(Blackhole sink) throws Exception {
        FakeHttp.Request request = browserRequest();
        FakeHttp.Chain chain = new FakeHttp.Chain();
        signedIn.gateway().filter().doFilter(request.servlet(), new FakeHttp.Response().servlet(), chain);
        readHeaders(chain.passed().orElseThrow(), sink);
    }

    /** The harness alone (the in-memory request, reading its headers): subtract it from the above. */
    @Benchmark
    public void harnessOnly(Blackhole sink) throws Exception {
        readHeaders(browserRequest().servlet(), sink);
    }

    private static void readHeaders(HttpServletRequest forwarded, Blackhole sink) {
        for (String name : Collections.list(forwarded.getHeaderNames())) {
            for (String value : Collections.list(forwarded.getHeaders(name))) {
                sink.consume(value);
            }
        }
    }

    private FakeHttp.Request browserRequest() {
        return FakeHttp.Request.get("/reports/2026/q3?view=full").header("Host", "gw.test")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", "en-GB,en;q=0.9").header("Accept-Encoding", "gzip, deflate, br")
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Site", "same-origin")
                .header("Referer", "https://gw.test/reports").header("Connection", "keep-alive")
                .cookie("_ga", "GA1.1.123456789.1700000000").cookie("gateway_session", signedIn.sessionId())
                .cookie("theme", "dark");
    }
}
