package io.oidcgateway.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx (Debian's {@code nginx-light}) of the test's own: in the foreground, everything
 * under the test's directory, listening on the port the test's server block names. Without
 * nginx the test is skipped on a developer's machine and fails in CI, which installs it.
 */
public final class Nginx implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private Nginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** @param http what goes inside the {@code http} block: upstreams and a server listening on {@code port} */
    public static Nginx start(Path dir, int port, String http) throws Exception {
        Path binary = requireInstalled();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, "daemon off;\nworker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\nevents { worker_connections 256; }\nhttp {\n"
                + "  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + http + "\n}\n");
        Process process = new ProcessBuilder(binary.toString(), "-c", conf.toString(), "-p", dir.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process, dir);
        nginx.awaitListening(port);
        return nginx;
    }

    private static Path requireInstalled() {
        Optional<Path> binary = Stream.concat(Stream.of("/usr/sbin/nginx"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                                .map(p -> p + "/nginx"))
                .map(Path::of).filter(Files::isExecutable).findFirst();
        RequiredTools.require(binary.isPresent(), "nginx", "nginx-light");
        return binary.get();
    }

    private void awaitListening(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }

    /** nginx's error log: where it says which upstream failed and why. */
    public String errorLog() {
        return LogFiles.tail(dir.resolve("error.log"), 30);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
