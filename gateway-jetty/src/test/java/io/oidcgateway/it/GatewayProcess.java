package io.oidcgateway.it;

import io.oidcgateway.testing.FreePorts;
import io.oidcgateway.testing.LogFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The gateway as users run it: the packaged jar in its own process, its log in a file. */
final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    final URI url;

    private GatewayProcess(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Runs {@code java -jar oidc-gateway.jar run --config FILE} and waits until /readyz answers 200. */
    static GatewayProcess start(Path config, int port, Map<String, String> env, Path log) throws Exception {
        return start(config, port, env, log, List.of());
    }

    /** The shipped {@code config/gateway.properties} (demo IdP and upstream in the process) on free ports. */
    static GatewayProcess startShippedDemo(Path log) throws Exception {
        int port = FreePorts.next();
        Map<String, String> freePorts = Map.of(
                "GATEWAY_SERVER_PORT", String.valueOf(port),
                "GATEWAY_SERVER_PUBLIC_URL", "http://localhost:" + port,
                "GATEWAY_OIDC_ISSUER", "http://localhost:" + FreePorts.next(),
                "GATEWAY_UPSTREAM_URL", "http://localhost:" + FreePorts.next());
        return start(Path.of("../config/gateway.properties"), port, freePorts, log);
    }

    /** @param jvmOptions before {@code -jar}, e.g. {@code -Xmx256m} */
    static GatewayProcess start(Path config, int port, Map<String, String> env, Path log, List<String> jvmOptions)
            throws Exception {
        GatewayProcess gateway = launch(config, port, env, log, jvmOptions);
        gateway.awaitReady();
        return gateway;
    }

    /**
     * Starts the process without waiting for it. Tests start it without the warm-up
     * ({@code server.warm-up=0}), which only costs them time, unless {@code env} asks for one.
     */
    static GatewayProcess launch(Path config, int port, Map<String, String> env, Path log, List<String> jvmOptions)
            throws Exception {
        Path jar = Path.of(System.getProperty("gateway.jar", "target/oidc-gateway.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no " + jar + ": the *IT tests run after 'package' (mvn -B verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GATEWAY_SERVER_WARM_UP", "0");
        builder.environment().putAll(env);
        return new GatewayProcess(builder.start(), log, URI.create("http://localhost:" + port));
    }

    void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited at start:\n" + logTail(30));
            }
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the gateway was not ready within 60 s:\n" + logTail(30));
    }

    /** SIGKILL: the process ends at once, mid-request, as a crashed JVM or a killed container would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, what systemd, Docker and Kubernetes send to stop a service. */
    void terminate() {
        process.destroy();
    }

    /** @return the exit code, once the process has ended within {@code wait} */
    int exitCode(Duration wait) throws InterruptedException {
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + wait + ":\n" + logTail(20));
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    String logTail(int lines) {
        return LogFiles.tail(log, lines);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
