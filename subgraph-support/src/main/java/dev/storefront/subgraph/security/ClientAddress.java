package dev.storefront.subgraph.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which client address a request came from (sign-in limits in users, new anonymous carts in orders). Behind the gateway the TCP peer is the
 * gateway, so {@code X-Forwarded-For} is read, but only when the peer is a configured trusted
 * proxy (anyone else could forge it): the right-most address not itself a trusted proxy is the
 * client. A trusted peer that names no client yields no address, so one busy gateway is never
 * mistaken for one abusive client.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param peer           address of the TCP peer
     * @param forwardedFor   its {@code X-Forwarded-For} header, if any
     * @param trustedProxies peers whose header is believed
     * @return the client's address, or empty when a trusted proxy did not name one
     */
    public static Optional<String> of(String peer, Optional<String> forwardedFor, TrustedProxies trustedProxies) {
        if (!trustedProxies.contains(peer)) {
            return Optional.of(peer);
        }
        List<String> hops = forwardedFor
                .map(header -> Arrays.stream(header.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList())
                .orElse(List.of());
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trustedProxies.contains(hops.get(i))) {
                return Optional.of(hops.get(i));
            }
        }
        return Optional.empty();
    }
}
