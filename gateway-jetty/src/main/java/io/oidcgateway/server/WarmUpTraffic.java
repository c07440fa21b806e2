package io.oidcgateway.server;

import io.oidcgateway.config.ServerConfig;
import java.net.HttpCookie;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The warm-up's requests: what load tools, browsers and API clients send, in turn, so that
 * the JIT sees the branches each takes ({@link WarmUpUpstream} answers them likewise).
 */
final class WarmUpTraffic {
    /** Requests in flight at once: enough to keep two CPUs busy over loopback. */
    private static final int IN_FLIGHT = 16;
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0 Safari/537.36";

    /** One kind of request each; the first is the load tool's, the most frequent in a benchmark. */
    private static final List<UnaryOperator<Request>> KINDS = List.of(
            r -> r.path(WarmUpUpstream.PAGE),
            r -> r.path(WarmUpUpstream.PAGE + "?tab=2&q=warm+up").headers(h -> h
                    .put(HttpHeader.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    .put(HttpHeader.ACCEPT_LANGUAGE, "en-GB,en;q=0.9,de;q=0.8")
                    .put(HttpHeader.ACCEPT_ENCODING, "gzip, deflate, br")
                    .put(HttpHeader.USER_AGENT, BROWSER)
                    .put(HttpHeader.REFERER, "http://127.0.0.1/page")),
            r -> r.path(WarmUpUpstream.PAGE),
            r -> r.path(WarmUpUpstream.JSON).headers(h -> h.put(HttpHeader.ACCEPT, "application/json")),
            r -> r.method(HttpMethod.POST).path(WarmUpUpstream.JSON)
                    .body(new StringRequestContent("application/json", "{\"name\":\"warm-up\",\"count\":3}")),
            r -> r.path(WarmUpUpstream.REDIRECT),
            r -> r.path(WarmUpUpstream.COOKIE).headers(h -> h.put(HttpHeader.USER_AGENT, BROWSER)),
            r -> r.path(WarmUpUpstream.PAGE),
            r -> r.path(WarmUpUpstream.MISSING),
            r -> r.path(WarmUpUpstream.PAGE).headers(h -> h.remove(HttpHeader.COOKIE)
                    .put(HttpHeader.ACCEPT, "text/html").put(HttpHeader.USER_AGENT, BROWSER)));

    private final HttpClient client;
    private final URI gateway;
    private final String cookie;
    private final AtomicLong sent = new AtomicLong();

    private WarmUpTraffic(HttpClient client, URI gateway, String cookie) {
        this.client = client;
        this.gateway = gateway;
        this.cookie = cookie;
    }

    /**
     * Signs in the way a browser does (the redirect to the IdP, the callback, the session cookie),
     * so that the login code and the classes it needs are loaded before the request path is compiled.
     */
    static WarmUpTraffic signIn(HttpClient client, URI gateway, String cookieName) throws Exception {
        client.setFollowRedirects(false);
        ContentResponse start = client.newRequest(gateway.resolve(WarmUpUpstream.PAGE))
                .headers(h -> h.put(HttpHeader.ACCEPT, "text/html")).send();
        String authorize = start.getHeaders().get(HttpHeader.LOCATION);
        String state = authorize == null ? null : UrlEncoded.decodeQuery(URI.create(authorize).getRawQuery()).getValue("state");
        ContentResponse callback = client.newRequest(gateway.resolve(ServerConfig.CALLBACK_PATH))
                .param("code", "warm-up").param("state", state)
                .headers(h -> h.put(HttpHeader.COOKIE, cookies(start))).send();
        String session = cookies(callback);
        if (state == null || !("; " + session).contains("; " + cookieName + "=")) {
            throw new IllegalStateException("the private gateway's login answered " + start.getStatus() + " then "
                    + callback.getStatus());
        }
        WarmUpTraffic traffic = new WarmUpTraffic(client, gateway, session);
        int status = traffic.request(0).send().getStatus();
        if (status != 200) {
            throw new IllegalStateException("the private gateway answered " + status);
        }
        return traffic;
    }

    /** The cookies a response sets (not those it deletes), as the {@code Cookie} header that sends them back. */
    private static String cookies(ContentResponse response) {
        return String.join("; ", response.getHeaders().getValuesList(HttpHeader.SET_COOKIE).stream()
                .flatMap(header -> HttpCookie.parse(header).stream())
                .filter(c -> !c.getValue().isEmpty() && c.getMaxAge() != 0)
                .map(c -> c.getName() + "=" + c.getValue()).toList());
    }

    /**
     * Requests, {@link #IN_FLIGHT} at a time, each sent when one completes, until the rate stops
     * climbing (the JIT has compiled what they run) or {@code longest} has passed.
     *
     * @return how many were served
     */
    long drive(Duration longest) throws InterruptedException {
        long deadline = System.nanoTime() + longest.toNanos();
        AtomicLong served = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            new Runnable() {
                @Override
                public void run() {
                    if (stop.get()) {
                        done.countDown();
                        return;
                    }
                    request(sent.getAndIncrement()).send(result -> {
                        served.incrementAndGet();
                        run();
                    });
                }
            }.run();
        }
        Plateau plateau = new Plateau();
        long before = 0;
        while (System.nanoTime() < deadline && !done.await(Plateau.WINDOW.toMillis(), TimeUnit.MILLISECONDS)) {
            long now = served.get();
            if (!plateau.climbing(now - before)) {
                break;
            }
            before = now;
        }
        stop.set(true);
        done.await(10, TimeUnit.SECONDS);
        return served.get();
    }

    private Request request(long n) {
        Request request = client.newRequest(gateway).headers(h -> h.put(HttpHeader.COOKIE, cookie));
        return KINDS.get((int) (n % KINDS.size())).apply(request);
    }
}
