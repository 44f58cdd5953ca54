package dev.storefront.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The gateway serves the web shop exactly when storefront/dist holds a build. */
class WebShopSettingTest {

    @Test
    void theGatewayGetsTheShopDirectoryOnlyWhenItIsBuilt(@TempDir Path home) throws Exception {
        Path supergraph = home.resolve("supergraph.graphql");
        assertNull(Main.webShop(home), "no storefront/ at all");
        Files.createDirectories(home.resolve("storefront/dist/assets"));
        assertNull(Main.webShop(home), "a build that did not finish has no index.html");
        assertFalse(Main.gatewayEnv(4000, supergraph, 0, "false", Main.webShop(home)).containsKey("GATEWAY_STOREFRONT_DIR"));

        Files.writeString(home.resolve("storefront/dist/index.html"), "<!doctype html>");
        Path dist = home.resolve("storefront/dist");
        assertEquals(dist, Main.webShop(home));
        Map<String, String> env = Main.gatewayEnv(4100, supergraph, 100, "false", Main.webShop(home));
        assertEquals(dist.toString(), env.get("GATEWAY_STOREFRONT_DIR"));
        assertEquals("4100", env.get("GATEWAY_PORT"));
    }
}
