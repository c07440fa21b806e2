package io.oidcgateway.proxy;

import io.oidcgateway.bench.RequestPathSettings;
import io.oidcgateway.bench.SignedInGateway;
import io.oidcgateway.config.RouteConfig;
import io.oidcgateway.filter.Admitted;
import io.oidcgateway.filter.RequestIds;
import io.oidcgateway.http.RequestPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gateway's own work on a signed-in request the embedded server's short path proxies
 * ({@link SignedInShortPath}, {@link SignedInProxy}), without sockets and without Jetty's proxy:
 * the path read once, the filter's decision (cookie -> session -> renewal due? -> access rules),
 * the request id, the route (found once) and its target, timeout and name, the upstream request's
 * headers by the forwarding rule with the identity encoded once per session, and the forwarding
 * headers. The
 * same browser-shaped request as {@code RequestPathBenchmark}'s, as Jetty parsed it (made once:
 * parsing is Jetty's work, not the gateway's). Lives in the proxy package, whose parts are its own.
 */
public class ShortPathBenchmark extends RequestPathSettings {
    private static final String PATH = "/reports/2026/q3";
    private static final String QUERY = "view=full";

    @Param({"1", "1000000"})
    private int sessions;

    private SignedInGateway signedIn;
    private HttpFields client;
    private RouteTable routes;
    private UpstreamRequestHeaders upstreamHeaders;
    private ForwardingHeaders forwarding;

    @Setup
    public void signedIn() throws Exception {
        signedIn = SignedInGateway.withSessions(sessions);
        client = HttpFields.build().add(HttpHeader.HOST, "gw.test")
                .add(HttpHeader.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36")
                .add(HttpHeader.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .add(HttpHeader.ACCEPT_LANGUAGE, "en-GB,en;q=0.9").add(HttpHeader.ACCEPT_ENCODING, "gzip, deflate, br")
                .add("Sec-Fetch-Mode", "navigate").add("Sec-Fetch-Site", "same-origin")
                .add(HttpHeader.REFERER, "https://gw.test/reports").add(HttpHeader.CONNECTION, "keep-alive")
                .add(HttpHeader.COOKIE, "_ga=GA1.1.123456789.1700000000; gateway_session=" + signedIn.sessionId()
                        + "; theme=dark")
                .asImmutable();
        routes = new RouteTable(URI.create("http://app.test"), Duration.ofSeconds(30), List.of());
        upstreamHeaders = new UpstreamRequestHeaders(false, ProxyParts.HOP_BY_HOP, new EncodedCallerHeaders());
        forwarding = new ForwardingHeaders("https");
    }

    @TearDown
    public void close() {
        signedIn.close();
    }

    @Benchmark
    public void signedInRequest(Blackhole sink) throws Exception {
        RequestPath path = RequestPath.parse(PATH);
        Admitted admitted = signedIn.gateway().signedIn()
                .admit("GET", path, client.getValuesList(HttpHeader.COOKIE), "127.0.0.1").orElseThrow();
        String id = signedIn.gateway().requestIds().choose(client.get(RequestIds.HEADER));
        RouteConfig route = routes.routeFor(path);
        sink.consume(RouteTable.target(route, path, QUERY));
        sink.consume(route.timeout().toMillis());
        sink.consume(route.name());
        HttpFields.Mutable upstream = upstreamHeaders.of(admitted.rule(), RequestIds.forUpstream(id),
                admitted.identity(), client);
        forwarding.add(upstream, "127.0.0.1", "127.0.0.1", false,
                name -> admitted.rule().forwardedValue(name, client.get(name)));
        for (HttpField field : upstream) {
            sink.consume(field);
        }
    }
}
