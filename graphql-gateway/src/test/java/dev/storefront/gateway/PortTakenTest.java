package dev.storefront.gateway;

import dev.storefront.gateway.http.GatewayServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway that cannot listen says so and fails (Main then exits with its message) instead of
 * carrying on as if it served: Helidon only logs a bind failure and shuts its server down.
 */
class PortTakenTest {

    @Test
    void aPortTakenByAnotherProcessFailsTheStart() throws Exception {
        try (ShopGateway shop = new ShopGateway();
             ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            IllegalStateException failure = assertThrows(IllegalStateException.class, () ->
                    new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", port, 65536, List.of())).start());
            assertTrue(failure.getMessage().contains("cannot listen on 127.0.0.1:" + port), failure.getMessage());
        }
    }
}
