package dev.storefront.gateway.security;

import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Apollo's CSRF prevention rule: a browser sends a cross-site GET or POST without asking first
 * (a "simple request") only when its Content-Type is absent or one of three form types and it
 * carries no custom header. Such requests could run an operation with the victim's cookies or
 * network position, so they are refused; every request that would need a CORS preflight passes
 * (the CORS policy then decides). GETs count too: a query can be expensive or observable
 * (timing), and real GraphQL clients set a header anyway.
 */
public final class CsrfPrevention {
    /** Content types a browser may send cross-site without a preflight. */
    private static final Set<String> SIMPLE_CONTENT_TYPES = Set.of(
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data");
    /** Any of these, non-empty, forces a preflight: clients add them on purpose. */
    public static final Set<String> PREFLIGHT_HEADERS = Set.of(
            "x-apollo-operation-name", "apollo-require-preflight", "graphql-require-preflight");

    public static final String MESSAGE = "This request has been blocked as a potential Cross-Site Request Forgery (CSRF): "
            + "send a Content-Type other than text/plain, application/x-www-form-urlencoded or multipart/form-data "
            + "(e.g. application/json), or a non-empty GraphQL-Require-Preflight, Apollo-Require-Preflight or "
            + "X-Apollo-Operation-Name header.";

    private CsrfPrevention() {
    }

    /**
     * @param header the request's header values by lower-case name, null when absent
     * @return true when the request could not have been sent cross-site without a CORS preflight
     */
    public static boolean preflighted(Function<String, String> header) {
        for (String name : PREFLIGHT_HEADERS) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        String contentType = header.apply("content-type");
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return !mediaType.isEmpty() && !SIMPLE_CONTENT_TYPES.contains(mediaType);
    }
}
