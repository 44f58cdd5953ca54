package dev.storefront.products.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.storefront.products.domain.Product;
import dev.storefront.products.persistence.ProductRepository;
import dev.storefront.subgraph.types.Ids;

import io.helidon.dbclient.DbClientException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /internal/products/lookup {"ids":[...]}}: current price and stock of the products an
 * order is about to buy, in request order; unknown (and malformed) ids are omitted. One query.
 */
@ApplicationScoped
@Path("/internal/products")
public class ProductLookupResource {

    static final int MAX_IDS = 100;

    private final ProductRepository products;

    @Inject
    public ProductLookupResource(ProductRepository products) {
        this.products = products;
    }

    @POST
    @Path("lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response lookup(String body) {
        Set<String> ids;
        try {
            ids = ids(JsonResponses.object(body));
        } catch (InvalidRequestException e) {
            return JsonResponses.badRequest(e);
        }
        Map<String, Product> found;
        try {
            found = products.findByIds(ids.stream().filter(Ids::isValid).toList());
        } catch (DbClientException e) {
            return JsonResponses.unavailable(e);
        }
        List<Answers.ProductBody> answer = ids.stream().map(found::get).filter(Objects::nonNull)
                .map(Answers.ProductBody::of).toList();
        return JsonResponses.ok(answer);
    }

    private static Set<String> ids(JsonObject request) {
        JsonValue ids = request.get("ids");
        if (ids == null || ids.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidRequestException("'ids' must be an array of product ids");
        }
        if (ids.asJsonArray().size() > MAX_IDS) {
            throw new InvalidRequestException("'ids' may hold at most " + MAX_IDS + " ids, had " + ids.asJsonArray().size());
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < ids.asJsonArray().size(); i++) {
            if (!(ids.asJsonArray().get(i) instanceof JsonString id)) {
                throw new InvalidRequestException("'ids' must hold strings only; not a string at index " + i);
            }
            distinct.add(id.getString());
        }
        return distinct;
    }
}
