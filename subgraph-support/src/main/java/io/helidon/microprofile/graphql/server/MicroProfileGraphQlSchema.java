package io.helidon.microprofile.graphql.server;

import java.util.Set;

import graphql.schema.idl.RuntimeWiring;

/**
 * The one touch point inside Helidon MP GraphQL: its schema generator is package-private, and
 * federation needs the generated SDL and Helidon's own data fetchers before the schema is built.
 * This class lives in Helidon's package for that reason only (classpath launch, split package).
 * {@code HelidonGraphQlTouchPointsTest} fails loudly if an upgrade moves any of it.
 */
public final class MicroProfileGraphQlSchema {

    private final String sdl;
    private final RuntimeWiring wiring;
    private final Schema schema;
    private final Set<Class<?>> apis;

    private MicroProfileGraphQlSchema(Schema schema, Set<Class<?>> apis) {
        this.schema = schema;
        this.apis = Set.copyOf(apis);
        this.sdl = schema.getSchemaAsString();
        this.wiring = schema.getRuntimeWiring();
    }

    /**
     * Generate the schema Helidon would serve for the {@code @GraphQLApi} classes it collected.
     *
     * @param extension Helidon's CDI extension, after bean discovery
     * @return the generated schema
     */
    public static MicroProfileGraphQlSchema generate(GraphQlCdiExtension extension) {
        Set<Class<?>> apis = extension.collectedApis();
        return new MicroProfileGraphQlSchema(SchemaGenerator.builder().classes(apis).build().generateSchema(), apis);
    }

    /** @return the {@code @GraphQLApi} classes the schema was generated from */
    public Set<Class<?>> apis() {
        return apis;
    }

    /** @return the SDL Helidon generated (no federation directives) */
    public String sdl() {
        return sdl;
    }

    /** @return Helidon's runtime wiring (its data fetchers for every API method) */
    public RuntimeWiring wiring() {
        return wiring;
    }

    /**
     * The Java class behind a GraphQL object type, for reading annotations such as
     * {@code @Shareable}.
     *
     * @param typeName GraphQL type name
     * @return the class name, or {@code null} for types without a class
     */
    public String javaClassOf(String typeName) {
        SchemaType type = schema.getTypeByName(typeName);
        return type == null ? null : type.valueClassName();
    }
}
