package io.oidcgateway.bench;

import io.oidcgateway.clientauth.KeyMaterialLoader;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.RegisteredClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo IdP alone, with the clients of the load script registered: each argument after the
 * port is {@code CLIENT_ID=REDIRECT_URI=CERTIFICATE_FILE}. Access tokens last a day, so no
 * refresh happens during a run. Writes its request counters to {@code -Dbench.counters=FILE}.
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
        // For the load script's login measurement: what the clients asked of the IdP so far.
        Path counters = Path.of(System.getProperty("bench.counters", "idp-counters.txt"));
        while (true) {
            Files.writeString(counters.resolveSibling(counters.getFileName() + ".tmp"), "discovery="
                    + idp.testHooks().discoveryRequests() + " jwks=" + idp.testHooks().jwksRequests() + " logins="
                    + idp.testHooks().codeGrants() + "\n");
            Files.move(counters.resolveSibling(counters.getFileName() + ".tmp"), counters,
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(100);
        }
    }
}
