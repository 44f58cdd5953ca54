package dev.storefront.subgraph.federation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default of an enum argument of a {@code @Query} or {@code @Mutation} method, e.g.
 * {@code @Name("sort") @EnumDefault("ID") ProductSort sort} serves {@code sort: ProductSort = ID}.
 *
 * <p>Helidon 4.1.2 cannot do this itself: {@code @DefaultValue("ID")} on an enum argument is printed
 * as the string {@code "ID"}, which graphql-java refuses (the application does not start), and a
 * nullable enum argument left out reaches Helidon's argument conversion as {@code null}, which
 * fails the call ({@code Enum.valueOf(type, null.toString())}). With this default in the served
 * schema, graphql-java supplies the value when the client leaves the argument out, and an explicit
 * {@code null} is replaced by it before Helidon converts the arguments.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface EnumDefault {

    /** @return the enum value's name */
    String value();
}
