package dev.storefront.subgraph.federation;

import dev.storefront.subgraph.security.AccessDeniedException;
import dev.storefront.subgraph.types.InvalidArgumentException;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * A GraphQL API used only by the federation tests ({@link MultiKeyEntitiesTest},
 * {@link ErrorPathsTest}), so that {@code Widget} is part of the schema, with two fields that fail
 * for some widgets. Added to the test container with {@code @AddBean}.
 */
@GraphQLApi
@ApplicationScoped
public class WidgetApi {

    /** A blank shelf is a client's mistake ({@link InvalidArgumentException}). */
    @Query("widgetProbe")
    public Widget widgetProbe(@Name("id") @NonNull String id, @Name("shelf") @NonNull String shelf) {
        if (shelf.isBlank()) {
            throw new InvalidArgumentException("Argument 'shelf' must not be blank");
        }
        return new Widget(id, "probe-" + id, shelf, "B-0");
    }

    /** Refused (a checked exception, whose message reaches the client) for widgets on shelf S-1. */
    @Name("drawer")
    public String drawer(@Source Widget widget) throws AccessDeniedException {
        if ("S-1".equals(widget.getShelf())) {
            throw new AccessDeniedException("shelf S-1 is locked");
        }
        return "open";
    }

    /** Fails (an unexpected exception, whose message Helidon hides) for widget code C-02. */
    @Name("fragile")
    public String fragile(@Source Widget widget) {
        if ("C-02".equals(widget.getCode())) {
            throw new IllegalStateException("internal detail of " + widget.getId());
        }
        return "fine";
    }
}
