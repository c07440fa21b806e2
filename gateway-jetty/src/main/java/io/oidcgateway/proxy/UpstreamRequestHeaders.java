package io.oidcgateway.proxy;

import io.oidcgateway.filter.CallerHeaders;
import io.oidcgateway.filter.ForwardedIdentityRequest;
import io.oidcgateway.filter.ForwardingRule;
import io.oidcgateway.filter.RequestIds;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The headers of the upstream request made from a forwarded one: the client's fields as the
 * filter's one rule passes them ({@link ForwardingRule#forwardedValue}), then the
 * request id and the caller's identity. Read in one pass over Jetty's own fields, where Jetty's
 * proxy reads them through the servlet API, a name and then a lookup per name, each through the
 * filter's wrapper: that wrapper and those lookups were a tenth of the gateway's CPU per request.
 * What Jetty's proxy drops, this drops too: hop-by-hop headers, those the Connection header names
 * (after the rule took protected names out of it), and Host unless the upstream gets the client's.
 */
final class UpstreamRequestHeaders {
    private final boolean preserveHost;
    private final Set<String> hopByHop;
    private final EncodedCallerHeaders identity;

    /** @param hopByHop lower-case names of the headers that never go further than one hop */
    UpstreamRequestHeaders(boolean preserveHost, Set<String> hopByHop, EncodedCallerHeaders identity) {
        this.preserveHost = preserveHost;
        this.hopByHop = Set.copyOf(hopByHop);
        this.identity = identity;
    }

    /** @param client the client's header fields as Jetty parsed them, before the filter's wrapper */
    HttpFields.Mutable of(ForwardedIdentityRequest forwarded, HttpFields client) {
        return of(forwarded.rule(), forwarded.requestId(), forwarded.identity(), client);
    }

    /**
     * @param rule which of the client's fields pass, and how
     * @param requestId the request's id as the upstream gets it, if any
     * @param caller the caller's identity headers
     * @param client the client's header fields as Jetty parsed them, before any wrapper
     */
    HttpFields.Mutable of(ForwardingRule rule, Optional<String> requestId, CallerHeaders caller, HttpFields client) {
        Set<String> connectionListed = connectionListed(rule, client);
        HttpFields.Mutable headers = HttpFields.build(client.size() + caller.entries().size() + 1);
        for (HttpField field : client) {
            String lowerCase = field.getLowerCaseName();
            if ((!preserveHost && HttpHeader.HOST.is(field.getName())) || hopByHop.contains(lowerCase)
                    || connectionListed.contains(lowerCase)) {
                continue;
            }
            String value = rule.forwardedValue(field.getName(), field.getValue());
            if (value != null) {
                // The client's field itself when the rule left it alone: Jetty may hold it pre-encoded.
                headers.add(value.equals(field.getValue()) ? field : new HttpField(field.getHeader(), field.getName(), value));
            }
        }
        requestId.ifPresent(id -> headers.add(RequestIds.HEADER, id));
        identity.fields(caller).forEach(headers::add);
        return headers;
    }

    /** RFC 9110 7.6.1: the names a Connection header lists end at this hop, as Jetty's proxy has it. */
    private static Set<String> connectionListed(ForwardingRule rule, HttpFields client) {
        Set<String> listed = Set.of();
        for (HttpField field : client) {
            String value = field.getHeader() == HttpHeader.CONNECTION
                    ? rule.forwardedValue(field.getName(), field.getValue()) : null;
            if (value != null) {
                listed = listed.isEmpty() ? new HashSet<>() : listed;
                for (String name : value.split(",")) {
                    listed.add(name.trim().toLowerCase(Locale.ENGLISH));
                }
            }
        }
        return listed;
    }
}
