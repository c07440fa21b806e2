package io.oidcgateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}: the peers whose
 * {@code X-Forwarded-*} headers the gateway believes ({@code server.trusted-proxies}).
 */
public record Cidr(byte[] network, int prefixLength) {
    /** Compiled once: the check runs for every forwarded request. */
    private static final Pattern LITERAL = Pattern.compile("(?=.*[.:])[0-9a-fA-F:.]+");

    /** @return empty when {@code text} is not an IP literal with an optional {@code /bits} */
    public static Optional<Cidr> parse(String text) {
        String[] parts = text.trim().split("/", -1);
        Optional<byte[]> address = parts.length > 2 ? Optional.empty() : literal(parts[0]);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int max = address.get().length * 8;
        try {
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
            return bits < 0 || bits > max ? Optional.empty() : Optional.of(new Cidr(address.get(), bits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The bytes of an IPv4 or IPv6 literal; never a DNS lookup, so a host name is simply not an address. */
    public static Optional<byte[]> literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether an address literal is in this block; a host name never is. */
    public boolean contains(String address) {
        return literal(address).filter(this::contains).isPresent();
    }

    /** Whether an address, as {@link #literal} read it, is in this block. */
    public boolean contains(byte[] candidate) {
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
