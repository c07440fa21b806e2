package io.oidcgateway.filter;

import io.oidcgateway.http.HeaderValues;
import io.oidcgateway.oidc.IdentityClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The identity headers' values for one user, the same for the upstream and for forward-auth callers. */
final class IdentityHeaderValues {
    private IdentityHeaderValues() {
    }

    /**
     * The groups joined by commas (not yet in wire form). A group whose name holds a comma, or that a parser would
     * change, is left out: {@code "x,admins"} must never read as membership of {@code admins}.
     */
    static Optional<String> groups(IdentityClaims id) {
        // On every forwarded request: a loop, not a stream.
        StringBuilder joined = null;
        for (String group : id.groups()) {
            if (HeaderValues.listElement(group)) {
                joined = joined == null ? new StringBuilder(group) : joined.append(',').append(group);
            }
        }
        return joined == null ? Optional.empty() : Optional.of(joined.toString());
    }

    /** What of the identity cannot be sent unchanged and so is left out of the headers: for the log at login. */
    static List<String> leftOut(IdentityClaims id) {
        List<String> out = new ArrayList<>();
        if (HeaderValues.exact(id.subject()).isEmpty()) {
            out.add("sub");
        }
        id.email().filter(v -> HeaderValues.exact(v).isEmpty()).ifPresent(v -> out.add("email"));
        id.preferredUsername().filter(v -> HeaderValues.exact(v).isEmpty()).ifPresent(v -> out.add("preferred_username"));
        long groups = id.groups().stream().filter(g -> !HeaderValues.listElement(g)).count();
        if (groups > 0) {
            out.add(groups + " of " + id.groups().size() + " groups");
        }
        return out;
    }
}
