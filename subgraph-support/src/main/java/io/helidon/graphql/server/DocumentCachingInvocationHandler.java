package io.helidon.graphql.server;

import graphql.GraphQL;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Second touch point inside Helidon: {@link InvocationHandler.Builder#build()} gives no way to set
 * a {@link PreparsedDocumentProvider}, so every request would parse and validate its query again.
 * This builds Helidon's own handler (same error masking, same execution) around a
 * {@link GraphQL} that takes one. It lives in Helidon's package only to reach the package-private
 * constructor (classpath launch, split package); an upgrade that moves it fails compilation here.
 */
public final class DocumentCachingInvocationHandler {

    private DocumentCachingInvocationHandler() {
    }

    /**
     * @param builder         a configured Helidon handler builder (schema, error messages, exception lists)
     * @param documents       where parsed and validated documents are kept
     * @param instrumentation graphql-java instrumentation of every execution
     * @return Helidon's handler, executing with the document provider
     */
    public static InvocationHandler build(InvocationHandler.Builder builder,
                                          PreparsedDocumentProvider documents,
                                          Instrumentation instrumentation) {
        GraphQL graphQl = GraphQL.newGraphQL(builder.schema())
                .subscriptionExecutionStrategy(new SubscriptionExecutionStrategy())
                .preparsedDocumentProvider(documents)
                .instrumentation(instrumentation)
                .build();
        return new InvocationHandlerImpl(builder, graphQl);
    }
}
