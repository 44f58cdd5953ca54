package dev.storefront.payments.api.internal;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What JAX-RS itself refuses (wrong method or media type, malformed parameters): keep its status,
 * answer in the same JSON shape as every other error. A path JAX-RS does not know stays an empty
 * 404, which tells Helidon to try its other routes (health, metrics, GraphQL).
 */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        String code = status.getReasonPhrase() == null
                ? "HTTP_" + status.getStatusCode()
                : status.getReasonPhrase().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        Response.ResponseBuilder response = Response.status(status.getStatusCode())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Answers.ErrorBody.of(code, status.getReasonPhrase() == null ? code : status.getReasonPhrase()));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }
}
