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
              cert new [--subject CN=name] [--days N] [--key rsa2048|rsa3072|ec256] [--out DIR]
                       [--password-env NAME]
                                    create client.key (PKCS#8 PEM), client.crt (PEM) and client.p12 in DIR
                                    (default config/); print the thumbprints, the Entra manifest entry and
                                    the properties lines. The PKCS#12 password comes from $NAME or a prompt.
              cert show FILE [--password-env NAME] [--manifest FILE]
                                    thumbprints and dates of a PEM, DER or PKCS#12 certificate; warns before
                                    expiry; with --manifest, whether it is registered in an Entra app manifest
              assertion inspect JWT|- [--cert FILE] [--client-id ID] [--token-endpoint URL]
                                    decode a client assertion (- reads standard input) and list every problem
                                    with the IdP error it causes (AADSTS...) and the fix
              check [--config FILE] validate the configuration, the key and certificate, discovery, the JWKS,
                                    and prove the IdP accepts the client authentication (a live probe)
              test                  build and run the whole test suite (./run.sh only: mvn -B verify)
              help, --help          this text

            Exit codes: 0 ok, 1 the command ran and found problems, 2 usage or configuration error.
            README.md documents every configuration key.
            """;

    private Usage() {
    }
}
