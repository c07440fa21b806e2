package io.oidcgateway.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream that keeps the exact bytes of every request head it receives and answers 200.
 * No HTTP library reads them first, so a test sees the raw path and the header bytes the
 * gateway really sent, not what a server made of them.
 */
final class RecordingUpstream implements AutoCloseable {
    /** One request as it arrived: the head's bytes, one char per byte. */
    record Received(String head) {
        String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        /** The target of the request line: the raw path and query. */
        String target() {
            return requestLine().split(" ")[1];
        }

        /** Every value of a header, as bytes read one per char (ISO-8859-1). */
        List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).strip());
                }
            }
            return values;
        }

        Optional<String> single(String name) {
            List<String> values = header(name);
            if (values.size() > 1) {
                throw new AssertionError(name + " arrived " + values.size() + " times: " + head);
            }
            return values.stream().findFirst();
        }
    }

    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RecordingUpstream() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "recording-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        if (received.isEmpty()) {
            throw new AssertionError("the upstream received no request");
        }
        return received.get(received.size() - 1);
    }

    /** The header's value as the upstream's bytes hold it, for a value sent as UTF-8. */
    static String utf8OnTheWire(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(10_000);
                String head = readHead(client.getInputStream());
                if (head.isEmpty()) {
                    continue;
                }
                received.add(new Received(head));
                byte[] body = "recorded\n".getBytes(StandardCharsets.US_ASCII);
                client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().write(body);
                client.getOutputStream().flush();
            } catch (IOException e) {
                // a closed socket at shutdown, or a client that went away: nothing to record
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
