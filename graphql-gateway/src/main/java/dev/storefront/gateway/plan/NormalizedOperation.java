package dev.storefront.gateway.plan;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;

import java.util.List;

/**
 * A client operation reduced to what planning and response writing need.
 *
 * @param kind query or mutation
 * @param name operation name, or null
 * @param rootType name of the root type in the API schema
 * @param fields root fields in response order
 * @param variableDefinitions the operation's variable definitions, copied into subgraph operations that use them
 */
public record NormalizedOperation(OperationDefinition.Operation kind, String name, String rootType,
                                  List<NormalizedField> fields, List<VariableDefinition> variableDefinitions) {
}
