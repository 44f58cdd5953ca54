package dev.storefront.subgraph.federation;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An entity with three keys ({@code id}, {@code code}, {@code shelf bin}), for {@link MultiKeyEntitiesTest}. */
@Type("Widget")
public class Widget {

    private final String id;
    private final String code;
    private final String shelf;
    private final String bin;

    public Widget(String id, String code, String shelf, String bin) {
        this.id = id;
        this.code = code;
        this.shelf = shelf;
        this.bin = bin;
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    public String getCode() {
        return code;
    }

    @NonNull
    public String getShelf() {
        return shelf;
    }

    @NonNull
    public String getBin() {
        return bin;
    }
}
