package io.oidcgateway.cli;

/** The text of {@code ./run.sh --help}. */
final class Usage {
    static final String TEXT = """
            oidc-gateway: an OpenID Connect login in front of applications that have none.

            Usage: ./run.sh [COMMAND] [OPTIONS]

            Commands:
              run [--config FILE]   run the gateway (the default command); FILE defaults to
                                    config/gateway.properties. Every key can be overridden by an
                                    environment variable: oidc.client-id -> GATEWAY_OIDC_CLIENT_ID.
              test                  build and run the whole test suite (./run.sh only: mvn -B verify)
              help, --help          this text

            Exit codes: 0 ok, 1 the command ran and found problems, 2 usage or configuration error.
            README.md documents every configuration key.
            """;

    private Usage() {
    }
}
