package dev.storefront.subgraph.security;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/** Which client a request came from: the TCP peer, or what a trusted proxy says it forwarded for. */
class ClientAddressTest {

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        TrustedProxies gateway = TrustedProxies.of("10.0.0.2");
        assertThat(ClientAddress.of("198.51.100.9", Optional.of("203.0.113.1"), gateway), is(Optional.of("198.51.100.9")));
        assertThat(ClientAddress.of("10.0.0.2", Optional.of("203.0.113.1"), gateway), is(Optional.of("203.0.113.1")));
        // a client-supplied first hop cannot hide the address the trusted proxy saw
        assertThat(ClientAddress.of("10.0.0.2", Optional.of("1.2.3.4, 203.0.113.1"), gateway), is(Optional.of("203.0.113.1")));
        assertThat(ClientAddress.of("10.0.0.2", Optional.empty(), gateway), is(Optional.empty()));
        assertThat(ClientAddress.of("10.0.0.2", Optional.of("10.0.0.2"), gateway), is(Optional.empty()));
        assertThat(List.of(ClientAddress.of("10.0.0.2", Optional.of(" 203.0.113.5 ,10.0.0.2"), gateway).orElseThrow()),
                contains("203.0.113.5"));
    }

    @Test
    void trustedProxiesAreAddressesOrCidrRanges() {
        TrustedProxies pods = TrustedProxies.of("10.42.0.0/16", "192.168.1.7", "fd00::/8");
        assertThat(pods.contains("10.42.3.9"), is(true));
        assertThat(pods.contains("10.43.0.1"), is(false));
        assertThat(pods.contains("192.168.1.7"), is(true));
        assertThat(pods.contains("192.168.1.8"), is(false));
        assertThat(pods.contains("fd12:3456::1"), is(true));
        assertThat(pods.contains("fe80::1"), is(false));
        assertThat(pods.contains("localhost"), is(false)); // names are never resolved
        assertThat(TrustedProxies.of("10.0.0.0/12").contains("10.15.255.255"), is(true));
        assertThat(TrustedProxies.of("10.0.0.0/12").contains("10.16.0.0"), is(false));
        // a pod behind a range-trusted gateway is identified by the forwarded client address
        assertThat(ClientAddress.of("10.42.3.9", Optional.of("203.0.113.7"), pods), is(Optional.of("203.0.113.7")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("gateway.local"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("10.0.0.0/33"));
    }
}
