package io.oidcgateway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (the Debian package) of the test's own, on a free loopback port,
 * with its data in a temporary directory and no periodic persistence. {@link #stop} saves
 * before it exits and {@link #start} loads that again, so a test can take Redis away and bring
 * it back with nothing lost; {@link #kill} loses everything, as a crash would.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private RedisServer(int port, Path dir, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
    }

    /** A standalone server, started. */
    public static RedisServer standalone(String... extraArgs) {
        requireInstalled();
        try {
            RedisServer server = new RedisServer(FreePorts.next(), Files.createTempDirectory("redis-"),
                    List.of(extraArgs));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A replica of {@code master}, started. */
    public static RedisServer replicaOf(RedisServer master) {
        return standalone("--replicaof", "127.0.0.1", Integer.toString(master.port()));
    }

    /** A node of a Redis Cluster, started; {@link #createCluster} joins nodes into one. */
    public static RedisServer clusterNode() {
        return standalone("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000");
    }

    /** Joins masters into one cluster, spreading the 16384 slots, and waits until it serves. */
    public static void createCluster(List<RedisServer> masters) {
        List<String> command = new ArrayList<>(List.of("--cluster", "create"));
        masters.forEach(m -> command.add("127.0.0.1:" + m.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String out = masters.get(0).cli(command.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!masters.stream().allMatch(m -> m.cli("CLUSTER", "INFO").contains("cluster_state:ok"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not form: " + out);
            }
            sleep(100);
        }
    }

    /** A Sentinel watching {@code master} as {@code name}, deciding alone (quorum 1), started. */
    public static RedisServer sentinelFor(RedisServer master, String name) {
        try {
            int port = FreePorts.next();
            Path dir = Files.createTempDirectory("sentinel-");
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + dir,
                    "sentinel monitor " + name + " 127.0.0.1 " + master.port() + " 1",
                    "sentinel down-after-milliseconds " + name + " 1000",
                    "sentinel failover-timeout " + name + " 5000",
                    ""));
            RedisServer sentinel = new RedisServer(port, dir, List.of());
            sentinel.launch(List.of(binary(), conf.toString(), "--sentinel"));
            return sentinel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port, loading what {@link #stop} saved. */
    public void start() {
        List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no"));
        command.addAll(extraArgs);
        launch(command);
    }

    private void launch(List<String> command) {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            // A test JVM that ends without its @AfterAll (a killed mutation-testing run) leaves no server behind.
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-server; install it (apt-get install redis-server)", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cli("PING").equals("PONG")) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + log());
            }
            sleep(20);
        }
    }

    /** Running and empty again, for the next test of a class that shares one server. */
    public void emptyAgain() {
        if (!listening()) {
            start();
        }
        cli("FLUSHALL");
    }

    /** Saves and exits; {@link #start} brings the same data back. */
    public void stop() {
        cli("SHUTDOWN", "SAVE");
        waitForExit();
    }

    /** Exits at once without saving, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    private void waitForExit() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code redis-cli} against this server and returns its output, trimmed. */
    public String cli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-cli; install redis-tools", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Whether something accepts connections on the port. */
    public boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** Skips the test on a developer's machine without Redis; in CI, which installs it, fails. */
    private static void requireInstalled() {
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "redis-server")).anyMatch(Files::isExecutable);
        RequiredTools.require(installed, "redis-server", "redis-server");
    }

    private static String binary() {
        return "redis-server";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
