package dev.storefront.orders.client;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns every answer of 400 and above into an {@link ErrorAnswer} holding its status and body. */
final class ErrorAnswerMapper implements ResponseExceptionMapper<ErrorAnswer> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public ErrorAnswer toThrowable(Response response) {
        return new ErrorAnswer(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
    }
}
