package dev.storefront.gateway.plan;

import graphql.language.Argument;
import graphql.language.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * A field of the normalized operation: what the client asked for at one position, with its
 * sub-selection already collected per concrete runtime type (fragments and type conditions
 * resolved), so planning and response writing never look at fragments again.
 *
 * @param responseKey alias or name, the key in the response (and in subgraph results)
 * @param name the schema field name
 * @param arguments the arguments as written (literals and variable references)
 * @param typeName the named return type
 * @param children sub-selections per concrete type, in response order; null for leaf fields
 * @param location where the field is in the client document (for errors)
 */
public record NormalizedField(String responseKey, String name, List<Argument> arguments, String typeName,
                              Map<String, List<NormalizedField>> children, SourceLocation location) {

    public NormalizedField {
        // interned like the keys the JSON parser reads from subgraph answers: looking a field up in
        // an answer then matches by identity
        responseKey = responseKey.intern();
        name = name.intern();
    }

    public boolean isLeaf() {
        return children == null;
    }

    public boolean isTypename() {
        return name.equals("__typename");
    }

    /** Root introspection fields are answered by the gateway, not planned. */
    public boolean isIntrospection() {
        return name.equals("__schema") || name.equals("__type");
    }
}
