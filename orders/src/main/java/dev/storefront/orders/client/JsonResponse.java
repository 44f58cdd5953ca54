package dev.storefront.orders.client;

import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import dev.storefront.subgraph.deadline.Deadline;

/**
 * A response of the internal contract read completely: status and JSON body. Also builds the REST
 * clients, and turns transport failures and 5xx answers into {@link RemoteServiceException}.
 *
 * @param service name of the service that answered, for messages
 * @param status  HTTP status
 * @param body    JSON body, or {@code JsonValue.NULL} when empty
 */
record JsonResponse(String service, int status, JsonValue body) {

    /**
     * Build a REST client that hands back every response (no exception mapping), so each status of
     * the contract is read as an outcome.
     */
    static <T> T client(Class<T> api, String baseUrl, long connectTimeoutMs, long readTimeoutMs) {
        return RestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new DeadlinePropagation(connectTimeoutMs, readTimeoutMs))
                .build(api);
    }

    /**
     * Make a call and read its answer; 5xx other than the ones the contract defines and transport
     * failures become {@link RemoteServiceException}.
     *
     * @param service   service name
     * @param what      the call, for messages
     * @param call      the REST client call
     * @param contract5xx a 5xx status the contract defines as an answer (e.g. 504 PROVIDER_TIMEOUT), or 0
     * @return the answer
     */
    static JsonResponse call(String service, String what, Supplier<Response> call, int contract5xx) {
        Deadline deadline = Deadline.current();
        if (deadline.isBounded() && deadline.remainingMillis() < minCallMillis()) {
            // too little time left for an answer: not sent (nothing happens at the other end), not retried
            throw new DeadlineExceededException(service + " not called (" + what + "): the request's deadline is reached");
        }
        Response response;
        try {
            response = call.get();
        } catch (ProcessingException e) {
            if (deadline.isBounded() && deadline.remainingMillis() < minCallMillis() && isTimeout(e)) {
                // the deadline, not the service, cut this call short: its outcome there is unknown
                throw new DeadlineExceededException(service + " did not answer " + what + " within the request's deadline", e);
            }
            throw new RemoteServiceException(service + " unreachable (" + what + "): " + rootMessage(e), e);
        }
        try (response) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            int status = response.getStatus();
            if (status >= 500 && status != contract5xx) {
                throw new RemoteServiceException(service + " answered " + status + " to " + what + ": " + abbreviate(text));
            }
            return new JsonResponse(service, status, parse(service, what, text));
        } catch (ProcessingException e) {
            throw new RemoteServiceException(service + " answer to " + what + " was cut off: " + rootMessage(e), e);
        }
    }

    /** The least time left worth starting a call with ({@code orders.deadline.min-call-ms}). */
    static long minCallMillis() {
        Long value = minCallMillis;
        if (value == null) {
            value = ConfigProvider.getConfig().getOptionalValue("orders.deadline.min-call-ms", Long.class).orElse(100L);
            minCallMillis = value;
        }
        return value;
    }

    private static volatile Long minCallMillis;

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** @return the body as an object, or an {@link UnexpectedResponseException} */
    JsonObject object() {
        if (body instanceof JsonObject o) {
            return o;
        }
        throw unexpected();
    }

    /** @return the body's {@code code} field, or {@code ""} */
    String code() {
        return body instanceof JsonObject o && o.get("code") instanceof JsonString s ? s.getString() : "";
    }

    /** @return the body's {@code message} field, or a generic message */
    String message() {
        return body instanceof JsonObject o && o.get("message") instanceof JsonString s
                ? s.getString() : service + " answered " + status;
    }

    UnexpectedResponseException unexpected() {
        return new UnexpectedResponseException(service + " answered " + status + " " + abbreviate(String.valueOf(body)));
    }

    private static JsonValue parse(String service, String what, String text) {
        if (text.isBlank()) {
            return JsonValue.NULL;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonStructure structure = reader.read();
            return structure;
        } catch (JsonException e) {
            throw new UnexpectedResponseException(service + " answered " + what + " with a body that is not JSON: "
                    + abbreviate(text));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // the cause in words ("Connection refused"), not a class name, since it reaches clients
        return root.getMessage() == null ? "no answer" : root.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
