package dev.storefront.gateway.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The web shop (storefront/, built into a directory) at {@code /shop/}: same origin as
 * {@code /graphql}, so the shop calls it with a relative URL and no CORS. Files come from
 * Helidon's static content service, which resolves request paths inside the directory only (no
 * traversal); a path that names no file and has no extension gets index.html (the shop routes in
 * the browser); an unknown asset is 404.
 */
final class WebShop {
    static final String PATH = "/shop";
    private static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
    /**
     * The shop loads its own scripts, styles and the gateway's /graphql only: a script injected
     * through some product text could neither run inline nor send data elsewhere.
     */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private WebShop() {
    }

    static void register(HttpRouting.Builder routing, Path dir) {
        Path index = dir.resolve("index.html");
        routing.any(PATH, (req, res) -> {
            // relative asset URLs need the trailing slash
            res.status(Status.MOVED_PERMANENTLY_301);
            res.header(HeaderNames.LOCATION, PATH + "/");
            res.send();
        });
        routing.addFilter((chain, req, res) -> {
            String path = req.path().path();
            if (path.startsWith(PATH + "/")) {
                res.header(CONTENT_SECURITY_POLICY, POLICY);
                // Vite names built assets by their content hash: cacheable for good; the rest
                // (index.html) is checked every time so a new build shows at once
                res.header(HeaderNames.CACHE_CONTROL, path.startsWith(PATH + "/assets/")
                        ? "public, max-age=31536000, immutable" : "no-cache");
            }
            chain.proceed();
        });
        routing.register(PATH, StaticContentService.builder(dir).welcomeFileName("index.html").build());
        routing.get(PATH + "/*", (req, res) -> fallback(req, res, index));
    }

    /** Not a file: the shop's index for a page path, 404 for anything that looks like a file. */
    private static void fallback(ServerRequest req, ServerResponse res, Path index) {
        String path = req.path().path();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".") || path.startsWith(PATH + "/assets/")) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        try {
            res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
            res.send(Files.readAllBytes(index));
        } catch (IOException e) {
            res.status(Status.NOT_FOUND_404).send();
        }
    }
}
