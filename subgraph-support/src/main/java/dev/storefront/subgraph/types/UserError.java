package dev.storefront.subgraph.types;

import java.util.List;

import dev.storefront.subgraph.federation.Shareable;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * An expected business failure of a mutation (out of stock, invalid price...), returned in the
 * payload's {@code userErrors} rather than thrown: the client gets a stable code to branch on.
 */
@Type("UserError")
@Shareable
@Description("An expected business failure: a stable code, a message, and the input field it concerns")
public class UserError {

    private List<String> field;
    private String code;
    private String message;

    public UserError() {
    }

    public UserError(String code, String message, String... field) {
        this.code = code;
        this.message = message;
        this.field = List.of(field);
    }

    @Description("Path of the input field at fault, e.g. [\"input\", \"price\", \"amountMinor\"]")
    public List<String> getField() {
        return field;
    }

    @NonNull
    @Description("Stable machine-readable code, e.g. OUT_OF_STOCK")
    public String getCode() {
        return code;
    }

    @NonNull
    public String getMessage() {
        return message;
    }

    @Override
    public String toString() {
        return code + " " + field + ": " + message;
    }
}
