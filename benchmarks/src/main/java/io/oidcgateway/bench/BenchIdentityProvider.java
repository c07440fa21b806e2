package io.oidcgateway.bench;

import io.oidcgateway.clientauth.KeyMaterialLoader;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.RegisteredClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo IdP alone, with the clients of the load script registered: each argument after the
 * port is {@code CLIENT_ID=REDIRECT_URI=CERTIFICATE_FILE}. Access tokens last a day, so no
 * refresh happens during a run.
 */
public final class BenchIdentityProvider {
    private BenchIdentityProvider() {
    }

    public static void main(String[] args) throws Exception {
        DemoIdpSettings settings = new DemoIdpSettings(Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(24),
                Duration.ZERO);
        DemoIdentityProvider idp = new DemoIdentityProvider("127.0.0.1", Integer.parseInt(args[0]), Clock.systemUTC(),
                settings);
        idp.start();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split("=", 3);
            idp.register(new RegisteredClient(parts[0], List.of(URI.create(parts[1])),
                    KeyMaterialLoader.readCertificates(Path.of(parts[2])), Optional.empty(), Optional.empty()));
        }
        System.out.println("bench IdP at " + idp.issuer());
        Thread.currentThread().join();
    }
}
