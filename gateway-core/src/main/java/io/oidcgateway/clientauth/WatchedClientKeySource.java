package io.oidcgateway.clientauth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key and certificate read from files, read again when the files change (an operator, certbot
 * or cert-manager replacing them before the certificate expires). A new pair is taken up only
 * whole: the key must belong to the certificate and suit the assertion algorithm, so a pair
 * caught half-written, or a mismatched one, is refused and the pair in use stays.
 */
public final class WatchedClientKeySource implements ClientKeySource {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedClientKeySource.class);

    /** Reads the files into a checked pair. */
    @FunctionalInterface
    public interface Reader {
        ClientCredentials read() throws KeyMaterialException;
    }

    private final List<Path> files;
    private final Reader reader;
    private volatile ClientCredentials current;
    private volatile List<String> seen;

    /** @param first the pair read from {@code files} at start-up */
    public WatchedClientKeySource(List<Path> files, Reader reader, ClientCredentials first) {
        this.files = List.copyOf(files);
        this.reader = reader;
        this.current = first;
        this.seen = states();
    }

    @Override
    public ClientCredentials current() {
        return current;
    }

    /** Called by one watcher thread; readers of {@link #current()} see the old pair or the new, never a mix. */
    @Override
    public Reload reloadIfChanged() {
        List<String> now = states();
        if (now.equals(seen)) {
            return Reload.UNCHANGED;
        }
        seen = now;
        ClientCredentials old = current;
        try {
            ClientCredentials next = reader.read();
            current = next;
            LOG.info("client certificate replaced from {}: x5t {} (valid until {}) instead of x5t {}", next.source(),
                    next.x5t(), next.certificate().getNotAfter().toInstant(), old.x5t());
            return Reload.LOADED;
        } catch (KeyMaterialException e) {
            // Logged once per change: a pair still being written is read again when its next file lands.
            LOG.error("the changed client key files were not taken up, x5t {} stays in use: {}", old.x5t(),
                    e.getMessage());
            return Reload.REFUSED;
        }
    }

    /** Size and modification time of each file; a file that is missing for now counts as a state too. */
    private List<String> states() {
        List<String> states = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                states.add(a.size() + "@" + a.lastModifiedTime() + "/" + a.fileKey());
            } catch (IOException e) {
                states.add("missing");
            }
        }
        return states;
    }
}
