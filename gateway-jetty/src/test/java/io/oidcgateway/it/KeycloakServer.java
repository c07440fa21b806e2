package io.oidcgateway.it;

import io.oidcgateway.testing.FreePorts;
import io.oidcgateway.testing.LogFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;

/**
 * A real Keycloak (the server distribution Maven unpacked into target/) in dev mode on a free
 * loopback port, configured over its admin REST API. Stopped by {@link #close()}.
 */
final class KeycloakServer implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private KeycloakServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    static KeycloakServer start(Path work) throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.4.7"));
        String version = System.getProperty("keycloak.version", "26.4.7");
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new AssertionError("Keycloak is not unpacked at " + home + "; run the tests through Maven"
                    + " (mvn -B verify), which unpacks org.keycloak:keycloak-quarkus-dist");
        }
        Path javaHome = javaFor(version);
        int port = FreePorts.next();
        // A fresh database each run: the dev-mode H2 files live in the unpacked distribution.
        deleteTree(home.resolve("data"));
        Path log = work.resolve("keycloak.log");
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port));
        if (!version.startsWith("24.")) {
            command.add("--hostname=http://127.0.0.1:" + port);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        env.put("KEYCLOAK_ADMIN", "admin");
        env.put("KEYCLOAK_ADMIN_PASSWORD", "admin");
        // Without this the transaction manager binds a random extra port.
        env.put("JAVA_OPTS_APPEND", "-DCoreEnvironmentBean.processImplementationClassName="
                + "com.arjuna.ats.internal.arjuna.utils.UuidProcessId");
        KeycloakServer server = new KeycloakServer(builder.start(), log, URI.create("http://127.0.0.1:" + port));
        server.awaitReady();
        return server;
    }

    /** Keycloak 24 runs on this JVM (Java 17); Keycloak 26 needs Java 21+: the newest JDK under /usr/lib/jvm. */
    private static Path javaFor(String version) throws IOException {
        if (version.startsWith("24.")) {
            return Path.of(System.getProperty("java.home"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        Optional<Path> modern = Optional.empty();
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                modern = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                        .filter(d -> majorVersion(d) >= 21)
                        .max(Comparator.comparingInt(KeycloakServer::majorVersion));
            }
        }
        if (modern.isPresent()) {
            return modern.get();
        }
        throw new AssertionError("Keycloak " + version + " needs Java 21 or newer and none is under /usr/lib/jvm;"
                + " run with -Dkeycloak.version=24.0.5 (the newest Keycloak on Java 17), as .ci/run does");
    }

    private static int majorVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak exited at start:\n" + logTail(40));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                        base.resolve("/realms/master/.well-known/openid-configuration")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Keycloak did not start within " + START_TIMEOUT + ":\n" + logTail(40));
    }

    URI issuer(String realm) {
        return base.resolve("/realms/" + realm);
    }

    URI jwks(String realm) {
        return base.resolve("/realms/" + realm + "/protocol/openid-connect/certs");
    }

    void createRealm(String realm, Duration accessTokenLifespan) throws Exception {
        admin("POST", "/admin/realms", Map.of("realm", realm, "enabled", true,
                "accessTokenLifespan", accessTokenLifespan.toSeconds()));
    }

    /** @return the user's id, which is the {@code sub} of their tokens */
    String createUser(String realm, String username, String password, String email) throws Exception {
        admin("POST", "/admin/realms/" + realm + "/users", Map.of("username", username, "enabled", true,
                "email", email, "emailVerified", true, "firstName", "Carol", "lastName", "Example",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        String found = admin("GET", "/admin/realms/" + realm + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null);
        return String.valueOf(((Map<?, ?>) ((List<?>) JsonUtil.parseJson("{\"u\":" + found + "}").get("u")).get(0))
                .get("id"));
    }

    /** A confidential client whose authenticator is "Signed JWT" with this certificate imported; no secret. */
    void createCertificateClient(String realm, String clientId, URI publicUrl, X509Certificate certificate)
            throws Exception {
        admin("POST", "/admin/realms/" + realm + "/clients", Map.of(
                "clientId", clientId,
                "protocol", "openid-connect",
                "publicClient", false,
                "clientAuthenticatorType", "client-jwt",
                "standardFlowEnabled", true,
                "redirectUris", List.of(publicUrl + "/oauth2/callback"),
                "attributes", Map.of(
                        "use.jwks.url", "false",
                        "jwt.credential.certificate", Base64.getEncoder().encodeToString(certificate.getEncoded()),
                        "post.logout.redirect.uris", publicUrl + "/*")));
    }

    private String admin(String method, String path, Map<String, Object> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError("Keycloak admin " + method + " " + path + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    private String adminToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                base.resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return String.valueOf(JsonUtil.parseJson(response.body()).get("access_token"));
    }

    String logTail(int lines) {
        return LogFiles.tail(log, lines);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
