package io.oidcgateway.filter;

import io.oidcgateway.config.ServerConfig;
import java.util.Set;

/** The gateway's own endpoints; every other path is the protected application's. */
public final class GatewayPaths {
    public static final String START = "/oauth2/start";
    public static final String CALLBACK = ServerConfig.CALLBACK_PATH;
    public static final String SIGN_OUT = "/oauth2/sign_out";
    public static final String USERINFO = "/oauth2/userinfo";
    public static final String AUTH = "/oauth2/auth";
    public static final String BACKCHANNEL_LOGOUT = "/oauth2/backchannel_logout";
    public static final String HEALTHZ = "/healthz";
    public static final String READYZ = "/readyz";
    public static final String METRICS = "/metrics";
    /** Where a sign-in returns to send a preserved form again. */
    public static final String RESTORE = "/oauth2/restore";
    /** Every path the gateway answers itself. */
    public static final Set<String> ALL = Set.of(START, CALLBACK, SIGN_OUT, USERINFO, AUTH, BACKCHANNEL_LOGOUT,
            HEALTHZ, READYZ, METRICS, RESTORE);

    private GatewayPaths() {
    }
}
