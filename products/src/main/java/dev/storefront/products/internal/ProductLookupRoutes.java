package dev.storefront.products.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.storefront.products.domain.Product;
import dev.storefront.products.persistence.ProductRepository;
import dev.storefront.subgraph.internal.JsonRoutes;
import dev.storefront.subgraph.internal.JsonRoutes.Answer;
import dev.storefront.subgraph.internal.JsonRoutes.Refusal;
import dev.storefront.subgraph.types.Ids;

import io.helidon.microprofile.server.RoutingPath;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@code POST /internal/products/lookup {"ids":[...]}}: current price and stock of the products an
 * order is about to buy, in request order; unknown (and malformed) ids are omitted. One query.
 */
@ApplicationScoped
@RoutingPath("/internal/products")
public class ProductLookupRoutes implements HttpService {

    static final int MAX_IDS = 100;

    private final ProductRepository products;

    @Inject
    public ProductLookupRoutes(ProductRepository products) {
        this.products = products;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/lookup", JsonRoutes.json(this::lookup, JsonRoutes.unavailableWhenTheDatabaseFails("products")))
                .any("/lookup", JsonRoutes.methodNotAllowed("POST"));
    }

    private Answer lookup(ServerRequest request) {
        Set<String> ids = ids(JsonRoutes.object(request));
        Map<String, Product> found = products.findByIds(ids.stream().filter(Ids::isValid).toList());
        return Answer.ok(ids.stream().map(found::get).filter(Objects::nonNull).map(Answers.ProductBody::of).toList());
    }

    private static Set<String> ids(JsonObject request) {
        JsonValue ids = request.get("ids");
        if (ids == null || ids.getValueType() != JsonValue.ValueType.ARRAY) {
            throw Refusal.invalid("'ids' must be an array of product ids");
        }
        List<JsonValue> values = ids.asJsonArray();
        if (values.size() > MAX_IDS) {
            throw Refusal.invalid("'ids' may hold at most " + MAX_IDS + " ids, had " + values.size());
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof JsonString id)) {
                throw Refusal.invalid("'ids' must hold strings only; not a string at index " + i);
            }
            distinct.add(id.getString());
        }
        return distinct;
    }
}
