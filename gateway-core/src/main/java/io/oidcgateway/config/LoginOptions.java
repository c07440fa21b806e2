package io.oidcgateway.config;

import java.util.Map;
import java.util.Optional;

/**
 * Extra parameters of the authorization request.
 *
 * @param formPost {@code response_mode=form_post}: the IdP POSTs the code to the callback
 */
public record LoginOptions(Optional<String> prompt, Optional<String> loginHint, Optional<String> domainHint,
        Map<String, String> extraParameters, boolean formPost) {

    public LoginOptions {
        extraParameters = Map.copyOf(extraParameters);
    }

    public static LoginOptions none() {
        return new LoginOptions(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), false);
    }
}
