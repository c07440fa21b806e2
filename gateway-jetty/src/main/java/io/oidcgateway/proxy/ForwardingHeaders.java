package io.oidcgateway.proxy;

import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * RFC 7239 {@code Forwarded} (this hop appended, as Jetty does) and the {@code X-Forwarded-*}
 * the contract names, the same from both proxies. Written here rather than by Jetty's, whose
 * {@code String.formatted} and quoting tokenizer cost a tenth of a proxied request.
 */
final class ForwardingHeaders {
    private final String publicScheme;

    /** @param publicScheme the public URL's: {@code X-Forwarded-Proto} when no trusted proxy told one */
    ForwardingHeaders(String publicScheme) {
        this.publicScheme = publicScheme;
    }

    /**
     * @param localAddr the connection's local address, a literal
     * @param remoteAddr the connection's remote address, a literal
     * @param secure whether the client's connection is TLS
     * @param client the client's first value of a header as the forwarding rule passes it, or null:
     *        the forwarding headers only when a trusted proxy sent them
     */
    void add(HttpFields.Mutable headers, String localAddr, String remoteAddr, boolean secure,
            UnaryOperator<String> client) {
        String host = client.apply(HttpHeader.HOST.asString());
        String hop = "by=" + quoted(localAddr) + ";for=" + quoted(remoteAddr) + ";host=" + quoted(String.valueOf(host))
                + ";proto=" + (secure ? "https" : "http");
        String earlier = client.apply(HttpHeader.FORWARDED.asString());
        headers.put(HttpHeader.FORWARDED, earlier == null ? hop : earlier + ", " + hop);
        // The rule let X-Forwarded-* through only from a trusted proxy: append to those, else start them.
        String chain = client.apply(HttpHeader.X_FORWARDED_FOR.asString());
        String proto = client.apply(HttpHeader.X_FORWARDED_PROTO.asString());
        String originalHost = client.apply(HttpHeader.X_FORWARDED_HOST.asString());
        headers.put(HttpHeader.X_FORWARDED_FOR, chain == null ? remoteAddr : chain + ", " + remoteAddr);
        headers.put(HttpHeader.X_FORWARDED_PROTO, proto != null ? proto : publicScheme);
        if (originalHost != null || host != null) {
            headers.put(HttpHeader.X_FORWARDED_HOST, originalHost != null ? originalHost : host);
        }
    }

    /** An RFC 7230 quoted-string: addresses with a port or IPv6 need it, and a Host header may hold anything. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
