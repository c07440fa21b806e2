package io.oidcgateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.ConfigKeys;
import io.oidcgateway.config.ServerConfig;
import io.oidcgateway.filter.GatewayPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The deploy/ files cannot be run here (no Docker engine, no cluster): these checks keep them
 * true to the code they deploy, so a renamed key, path or port fails here rather than in production.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("../deploy");

    private static String read(String file) throws Exception {
        return Files.readString(DEPLOY.resolve(file));
    }

    private static int number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void dockerImageRunsTheJarOnAJreAsANonRootUser() throws Exception {
        String dockerfile = read("docker/Dockerfile");

        assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jre"), "a JRE base for the runtime image");
        assertTrue(dockerfile.matches("(?s).*\\nUSER 10001:10001\\n.*"), "not root");
        assertTrue(dockerfile.contains("COPY --from=build /src/gateway-jetty/target/oidc-gateway.jar"
                + " /opt/oidc-gateway/oidc-gateway.jar"));
        assertTrue(dockerfile.contains("\"-jar\", \"/opt/oidc-gateway/oidc-gateway.jar\""));
        assertTrue(dockerfile.contains("RUN ./mvnw"), "built with the wrapper: the image needs no Maven");
    }

    @Test
    void kubernetesProbesPortAndGracePeriodMatchTheGateway() throws Exception {
        String deployment = read("kubernetes/deployment.yaml");

        assertTrue(deployment.matches("(?s).*livenessProbe:\\s+httpGet:\\s+path: " + GatewayPaths.HEALTHZ + "\\s.*"));
        assertTrue(deployment.matches("(?s).*readinessProbe:.*?httpGet:\\s+path: " + GatewayPaths.READYZ + "\\s.*"));
        assertEquals(ServerConfig.DEFAULT_PORT, number(deployment, "containerPort: (\\d+)"));
        assertTrue(number(deployment, "terminationGracePeriodSeconds: (\\d+)")
                > ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT.toSeconds(), "SIGKILL only after the graceful stop");
        assertTrue(deployment.matches("(?s).*startupProbe:.*?httpGet:\\s+path: " + GatewayPaths.HEALTHZ + "\\s.*"));
        assertTrue(number(deployment, "periodSeconds: (\\d+)\\s+failureThreshold") * number(deployment,
                "failureThreshold: (\\d+)") > ServerConfig.DEFAULT_WARM_UP.toSeconds() * 2,
                "the startup probe waits well past the longest warm-up, when the port opens");
        assertTrue(deployment.contains("runAsNonRoot: true") && deployment.contains("readOnlyRootFilesystem: true"));
        assertTrue(deployment.contains("secretName: oidc-gateway-client"), "the key from a Secret");
    }

    @Test
    void kubernetesConfigUsesOnlyKeysTheGatewayKnows() throws Exception {
        String configMap = read("kubernetes/configmap.yaml");
        List<String> keys = configMap.lines().filter(l -> l.startsWith("    ") && l.contains("="))
                .map(l -> l.strip().split("=", 2)[0]).filter(k -> !k.startsWith("#")).collect(Collectors.toList());

        assertTrue(keys.size() >= 10, keys.toString());
        for (String key : keys) {
            assertTrue(ConfigKeys.known(key), "deploy/kubernetes/configmap.yaml: unknown key " + key);
        }
        assertTrue(configMap.contains("server.port=" + ServerConfig.DEFAULT_PORT));
    }

    @Test
    void systemdUnitStopsGracefullyWithinItsTimeoutAndDoesNotRestartOnAConfigError() throws Exception {
        String unit = read("systemd/oidc-gateway.service");

        assertTrue(unit.contains("ExecStart=/usr/bin/java -XX:MaxRAMPercentage=75 -jar /opt/oidc-gateway/oidc-gateway.jar"
                + " run --config /etc/oidc-gateway/gateway.properties"));
        assertTrue(number(unit, "TimeoutStopSec=(\\d+)") > ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT.toSeconds());
        assertTrue(unit.contains("RestartPreventExitStatus=2"), "exit 2 is a configuration error");
        assertTrue(unit.contains("User=oidc-gateway") && unit.contains("NoNewPrivileges=yes"));
    }
}
