package io.oidcgateway.operations;

import io.oidcgateway.e2e.GatewayFixture;
import io.oidcgateway.testing.FreePorts;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A gateway with alice signed in, its default upstream up and the route {@code /api} pointing nowhere (502). */
abstract class SignedInGateway {
    @TempDir
    Path dir;
    GatewayFixture system;
    String session;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void signedIn() throws Exception {
        system = GatewayFixture.start(dir, true, Map.of("route.api.path", "/api", "route.api.upstream",
                "http://127.0.0.1:" + FreePorts.next()));
        session = system.signIn("alice");
    }

    @AfterEach
    void stopGateway() throws Exception {
        system.close();
    }
}
