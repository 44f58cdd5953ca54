package dev.storefront.products.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.storefront.products.domain.Product;
import dev.storefront.products.domain.ProductRules;
import dev.storefront.products.persistence.DuplicateSkuException;
import dev.storefront.products.persistence.ProductRepository;
import dev.storefront.subgraph.security.AccessDeniedException;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.subgraph.types.Money;
import dev.storefront.subgraph.types.UserError;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Catalogue administration, for ADMIN callers only: each mutation checks the bearer token before
 * it reads its input, so a refused caller learns nothing about the catalogue. Refusals are GraphQL
 * errors ({@code Not authenticated: ...}, {@code Access denied: ...}) with no data. Invalid or
 * conflicting data from an admin is answered with {@code userErrors} (stable codes), never
 * thrown: a client form maps each code and field to its input.
 */
@GraphQLApi
@ApplicationScoped
public class ProductMutations {

    private static final String ID_PREFIX = "prod-";

    private final ProductRepository products;
    private final CurrentCaller callers;
    private final String currency;

    @Inject
    public ProductMutations(ProductRepository products, CurrentCaller callers,
                            @ConfigProperty(name = "catalogue.currency", defaultValue = "EUR") String currency) {
        this.products = products;
        this.callers = callers;
        this.currency = currency;
    }

    @Mutation("createProduct")
    @NonNull
    @Description("Admin: add a catalogue item. userErrors codes: INVALID_SKU, DUPLICATE_SKU, INVALID_NAME, "
            + "INVALID_DESCRIPTION, INVALID_PRICE, INVALID_CURRENCY, NEGATIVE_STOCK, STOCK_LIMIT")
    public ProductPayload createProduct(@Name("input") @NonNull NewProduct input)
            throws NotAuthenticatedException, AccessDeniedException {
        callers.requireRole(Caller.ADMIN);
        List<UserError> errors = new ArrayList<>();
        String sku = checkSku(input.getSku(), errors);
        String name = checkName(input.getName(), errors);
        String description = checkDescription(input.getDescription() == null ? "" : input.getDescription(), errors);
        checkPrice(input.getPrice(), errors);
        int stock = input.getStock() == null ? 0 : input.getStock();
        if (stock < 0) {
            errors.add(new UserError("NEGATIVE_STOCK", "Stock must not be negative, was " + stock, "input", "stock"));
        } else if (stock > ProductRules.MAX_STOCK) {
            errors.add(new UserError("STOCK_LIMIT", "Stock must be at most " + ProductRules.MAX_STOCK + ", was " + stock,
                    "input", "stock"));
        }
        if (!errors.isEmpty()) {
            return ProductPayload.failed(errors);
        }
        Product product = new Product(ID_PREFIX + UUID.randomUUID().toString().replace("-", ""), sku, name, description,
                new Money(input.getPrice().getAmountMinor(), currency), stock, null);
        try {
            products.insert(product);
        } catch (DuplicateSkuException e) {
            return ProductPayload.failed(new UserError("DUPLICATE_SKU", e.getMessage(), "input", "sku"));
        }
        // read back: createdAt as stored (and stock, should an adjustment have come first)
        return products.findById(product.getId()).map(ProductPayload::of)
                .orElseGet(() -> ProductPayload.failed(notFound(product.getId())));
    }

    @Mutation("updateProduct")
    @NonNull
    @Description("Admin: change a catalogue item's SKU, name, description or price. userErrors codes: NOT_FOUND, "
            + "INVALID_SKU, DUPLICATE_SKU, INVALID_NAME, INVALID_DESCRIPTION, INVALID_PRICE, INVALID_CURRENCY")
    public ProductPayload updateProduct(@Name("id") @Id @NonNull String id,
                                        @Name("input") @NonNull ProductChanges input)
            throws NotAuthenticatedException, AccessDeniedException {
        callers.requireRole(Caller.ADMIN);
        Product current = products.findById(Ids.require("id", id)).orElse(null);
        if (current == null) {
            return ProductPayload.failed(notFound(id));
        }
        List<UserError> errors = new ArrayList<>();
        String sku = input.getSku() == null ? current.getSku() : checkSku(input.getSku(), errors);
        String name = input.getName() == null ? current.getName() : checkName(input.getName(), errors);
        String description = input.getDescription() == null
                ? current.getDescription() : checkDescription(input.getDescription(), errors);
        Money price = current.getPrice();
        if (input.getPrice() != null) {
            checkPrice(input.getPrice(), errors);
            price = new Money(input.getPrice().getAmountMinor(), currency);
        }
        if (!errors.isEmpty()) {
            return ProductPayload.failed(errors);
        }
        try {
            if (!products.updateDetails(new Product(current.getId(), sku, name, description, price, current.getStock(),
                    current.getCreatedAt()))) {
                return ProductPayload.failed(notFound(id));
            }
        } catch (DuplicateSkuException e) {
            return ProductPayload.failed(new UserError("DUPLICATE_SKU", e.getMessage(), "input", "sku"));
        }
        // read back: stock may have moved meanwhile and is reported as it is now
        return products.findById(current.getId()).map(ProductPayload::of)
                .orElseGet(() -> ProductPayload.failed(notFound(id)));
    }

    @Mutation("adjustStock")
    @NonNull
    @Description("Admin: add (positive delta) or remove (negative delta) units of stock atomically. userErrors codes: "
            + "NOT_FOUND, NEGATIVE_STOCK (would go below zero), STOCK_LIMIT, INVALID_DELTA")
    public ProductPayload adjustStock(@Name("id") @Id @NonNull String id,
                                      @Name("delta") @Description("Units to add; negative to remove") int delta)
            throws NotAuthenticatedException, AccessDeniedException {
        callers.requireRole(Caller.ADMIN);
        Ids.require("id", id);
        if (Math.abs((long) delta) > ProductRules.MAX_STOCK_DELTA) {
            return ProductPayload.failed(new UserError("INVALID_DELTA",
                    "Delta must be between -" + ProductRules.MAX_STOCK_DELTA + " and " + ProductRules.MAX_STOCK_DELTA
                            + ", was " + delta, "delta"));
        }
        boolean adjusted = products.adjustStock(id, delta);
        Product product = products.findById(id).orElse(null);
        if (product == null) {
            return ProductPayload.failed(notFound(id));
        }
        if (adjusted) {
            return ProductPayload.of(product);
        }
        // the conditional update refused: say which bound the current stock would cross
        return (long) product.getStock() + delta < 0
                ? ProductPayload.failed(new UserError("NEGATIVE_STOCK", "Stock of " + id + " is " + product.getStock()
                        + "; removing " + -delta + " would make it negative", "delta"))
                : ProductPayload.failed(new UserError("STOCK_LIMIT", "Stock of " + id + " is " + product.getStock()
                        + "; adding " + delta + " would exceed " + ProductRules.MAX_STOCK, "delta"));
    }

    private static UserError notFound(String id) {
        return new UserError("NOT_FOUND", "No product with id " + id, "id");
    }

    private static String checkSku(String raw, List<UserError> errors) {
        String sku = ProductRules.canonicalSku(raw);
        if (!ProductRules.isValidSku(sku)) {
            errors.add(new UserError("INVALID_SKU", "SKU must be 3-32 letters, digits or '-', not starting with '-'; was '"
                    + raw + "'", "input", "sku"));
        }
        return sku;
    }

    private static String checkName(String raw, List<UserError> errors) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > ProductRules.MAX_NAME_LENGTH) {
            errors.add(new UserError("INVALID_NAME", "Name must be 1-" + ProductRules.MAX_NAME_LENGTH
                    + " characters (not blank), was " + name.length(), "input", "name"));
        }
        return name;
    }

    private static String checkDescription(String raw, List<UserError> errors) {
        String description = raw.strip();
        if (description.length() > ProductRules.MAX_DESCRIPTION_LENGTH) {
            errors.add(new UserError("INVALID_DESCRIPTION", "Description must be at most "
                    + ProductRules.MAX_DESCRIPTION_LENGTH + " characters, was " + description.length(), "input", "description"));
        }
        return description;
    }

    private void checkPrice(Money price, List<UserError> errors) {
        if (price == null) {
            errors.add(new UserError("INVALID_PRICE", "Price is required", "input", "price"));
            return;
        }
        if (price.getAmountMinor() < 0) {
            errors.add(new UserError("INVALID_PRICE", "Price must not be negative, was " + price.getAmountMinor(),
                    "input", "price", "amountMinor"));
        }
        if (!currency.equals(price.getCurrency())) {
            errors.add(new UserError("INVALID_CURRENCY", "The catalogue is priced in " + currency + ", was "
                    + price.getCurrency(), "input", "price", "currency"));
        }
    }
}
