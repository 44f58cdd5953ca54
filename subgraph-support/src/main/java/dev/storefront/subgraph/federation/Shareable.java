package dev.storefront.subgraph.federation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a GraphQL object type that several subgraphs define identically (value types such as
 * {@code Money}); the subgraph SDL then carries Federation's {@code @shareable} on the type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Shareable {
}
