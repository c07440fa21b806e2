package io.oidcgateway.proxy;

import io.oidcgateway.filter.ErrorCode;
import io.oidcgateway.filter.GatewayError;

/** The gateway's own answers when the upstream leg fails, the same from both proxies. */
final class UpstreamFailures {
    static final GatewayError AMBIGUOUS = GatewayError.of(ErrorCode.AMBIGUOUS_PATH, "This address cannot be served",
            "The request's path is read in different ways by different servers, so it is not forwarded.");

    private UpstreamFailures() {
    }

    /**
     * @param status 504 when the upstream took longer than its timeout, 502 for any other failure
     * @param upstream the route's upstream, named in the page
     */
    static GatewayError of(int status, String upstream) {
        return status == 504
                ? GatewayError.of(ErrorCode.UPSTREAM_TIMEOUT, "The application did not answer in time",
                        "The protected application took longer than upstream.timeout to answer.")
                : GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE, "The application cannot be reached",
                        "The gateway could not get an answer from the protected application (" + upstream
                                + "). It may be down or restarting.");
    }
}
