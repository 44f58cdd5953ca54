package dev.storefront.subgraph.federation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * A GraphQL API used only by {@link MultiKeyEntitiesTest}, so that {@code Widget} is part of the
 * schema. Added to the test container with {@code @AddBean}.
 */
@GraphQLApi
@ApplicationScoped
public class WidgetApi {

    @Query("widgetProbe")
    public Widget widgetProbe(@Name("id") @NonNull String id) {
        return new Widget(id, "probe", "probe", "probe");
    }
}
