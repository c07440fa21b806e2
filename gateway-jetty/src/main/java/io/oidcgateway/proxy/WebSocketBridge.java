package io.oidcgateway.proxy;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One proxied WebSocket: the browser's side and the upstream's side, each passing what it
 * receives to the other (text, binary, ping, pong, close with its code). Neither side reads
 * until both are open, and each reads its next frame only once the last one was sent on, so a
 * slow reader slows its writer instead of filling the gateway's memory.
 */
public final class WebSocketBridge {
    private final Side browser = new Side("browser");
    private final Side upstream = new Side("upstream");
    private final AtomicBoolean flowing = new AtomicBoolean();

    WebSocketBridge() {
        browser.bridge = this;
        upstream.bridge = this;
        browser.peer = upstream;
        upstream.peer = browser;
    }

    Session.Listener browserSide() {
        return browser;
    }

    Session.Listener upstreamSide() {
        return upstream;
    }

    /** Closes both ends, e.g. with 1008 when the session behind it has ended. */
    void close(int status, String reason) {
        browser.closeWith(status, reason);
        upstream.closeWith(status, reason);
    }

    boolean open() {
        return browser.session != null && browser.session.isOpen();
    }

    private void startWhenBothOpen() {
        if (browser.session != null && upstream.session != null && flowing.compareAndSet(false, true)) {
            browser.session.demand();
            upstream.session.demand();
        }
    }

    /** Public: Jetty calls the listener through method handles. */
    public static final class Side implements Session.Listener {
        private final String name;
        private volatile Session session;
        private Side peer;
        private WebSocketBridge bridge;

        Side(String name) {
            this.name = name;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            this.session = opened;
            bridge.startWhenBothOpen();
        }

        @Override
        public void onWebSocketText(String text) {
            peer.session.sendText(text, next());
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            peer.session.sendBinary(payload, Callback.from(() -> {
                callback.succeed();
                session.demand();
            }, failure -> {
                callback.fail(failure);
                closeWith(1011, "the other side cannot be written to");
            }));
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            peer.session.sendPing(copy(payload), next());
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            peer.session.sendPong(copy(payload), next());
        }

        @Override
        public void onWebSocketClose(int status, String reason) {
            peer.closeWith(status, reason);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // 1011: the other end failed; the reason names the side, never what it sent.
            peer.closeWith(1011, "the " + name + " connection failed");
        }

        /** Once a frame is sent on, read the next one. */
        private Callback next() {
            return Callback.from(session::demand, failure -> closeWith(1011, "the other side cannot be written to"));
        }

        void closeWith(int status, String reason) {
            Session current = session;
            if (current != null && current.isOpen()) {
                current.close(status, reason, Callback.NOOP);
            }
        }

        private static ByteBuffer copy(ByteBuffer payload) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
            copy.put(payload.slice()).flip();
            return copy;
        }
    }
}
