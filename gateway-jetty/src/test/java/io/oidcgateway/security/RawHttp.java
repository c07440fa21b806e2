package io.oidcgateway.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Sends exactly the bytes an attacker would, over a socket: no client library normalises them away. */
final class RawHttp {
    record Response(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return head + "\r\n\r\n" + body;
        }
    }

    private RawHttp() {
    }

    /** @param request everything before the final blank line and body, lines joined by \r\n */
    static Response send(URI server, String request, String body) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((request + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] bytes = readAll(socket.getInputStream());
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String rest = split < 0 ? "" : text.substring(split + 4);
            int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Response(status, head, rest);
        }
    }

    /** A GET with the given extra header lines, closing the connection after the answer. */
    static Response get(URI server, String target, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + server.getAuthority());
        boolean connection = false;
        for (String h : headers) {
            request.append("\r\n").append(h);
            connection |= h.toLowerCase(Locale.ROOT).startsWith("connection:");
        }
        if (!connection) {
            request.append("\r\nConnection: close");
        }
        return send(server, request.toString(), "");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            // the server kept the connection open after answering
        }
        return out.toByteArray();
    }
}
