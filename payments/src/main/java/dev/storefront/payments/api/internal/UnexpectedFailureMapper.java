package dev.storefront.payments.api.internal;

import java.lang.System.Logger.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A failure of this service rather than of the request (database gone, a bug): logged here with
 * its stack trace, answered with a generic message so nothing internal leaks to the caller.
 */
@Provider
@ApplicationScoped
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOGGER = System.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        LOGGER.log(Level.ERROR, "Internal payments request failed", e);
        return Response.serverError()
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Answers.ErrorBody.of("INTERNAL_ERROR", "Internal error"))
                .build();
    }
}
