package dev.storefront.subgraph.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The peers whose {@code X-Forwarded-For} is believed: exact addresses or CIDR ranges
 * ({@code 10.0.0.0/8}, {@code fd00::/8}). Ranges matter where the gateway has no fixed address,
 * as with Kubernetes pods. Only literal addresses are accepted, never host names, so matching
 * never does a DNS lookup.
 */
public final class TrustedProxies {

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * @param entries addresses or CIDR ranges
     * @return the matcher
     * @throws IllegalArgumentException for an entry that is neither
     */
    public static TrustedProxies of(String... entries) {
        return new TrustedProxies(java.util.Arrays.stream(entries).map(String::trim).filter(e -> !e.isEmpty())
                .map(Range::parse).toList());
    }

    /** @return whether the address (a literal IPv4 or IPv6 address) is a trusted proxy */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /** The bytes of a literal address; {@code null} for anything else (no name resolution). */
    private static byte[] literal(String address) {
        if (address == null || address.isEmpty()
                || !(address.indexOf(':') >= 0 || address.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefixBits) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + entry);
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("Bad prefix length in " + entry);
                }
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
