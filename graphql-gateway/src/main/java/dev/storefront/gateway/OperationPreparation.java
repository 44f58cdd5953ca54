package dev.storefront.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.storefront.gateway.plan.OperationNormalizer;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.supergraph.Supergraph;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.storefront.gateway.GatewayErrors.error;
import static dev.storefront.gateway.GatewayErrors.requestError;

/**
 * The pipeline's first step: a request becomes an operation ready to plan, or the response that
 * refuses it. In order: persisted query resolution, parsing (cached per text, with a token limit),
 * operation selection, no mutation over GET, the operation limits (depth, aliases, cost), validation
 * against the API schema (once per text), no subscription, registering a new persisted query (only
 * once it parsed and validated), variable coercion, and the plan cache key.
 */
public final class OperationPreparation {
    /** Parser token limit: a document larger than this is refused before it is fully parsed. */
    static final int MAX_TOKENS = 15_000;

    /** What a request became. */
    public sealed interface Outcome {
    }

    /**
     * An operation ready to plan.
     *
     * @param request      the request (the stored text of a persisted query in place of its hash)
     * @param rawVariables the variables as sent (subgraph operations declare the same defaults)
     * @param coerced      the variables coerced against the API schema, defaults applied
     * @param planKey      what identifies its plan: the printed document, the operation name and the
     *                     values of the variables {@code @skip}/{@code @include} read
     */
    public record Ready(GraphQLRequest request, Document document, OperationDefinition operation, boolean mutation,
                        Map<String, Object> rawVariables, Map<String, Object> coerced, String planKey) implements Outcome {
    }

    /** Refused before planning: the response saying why. */
    public record Refused(GatewayResponse response) implements Outcome {
    }

    /** A parsed text, and what is known of it once (validation, printed form). */
    private static final class Parsed {
        final Document document;
        /** whether any @skip/@include reads a variable: only then do variable values key the plan */
        final boolean hasConditions;
        volatile List<ValidationError> validation;
        private volatile String printed;
        /** Limit verdicts of this document's operations that read no variable: the same for every request. */
        final Map<OperationDefinition, Optional<OperationLimits.Violation>> fixedVerdicts = new ConcurrentHashMap<>();
        /** The operation each requested name (or "" for none) selects. */
        final Map<String, OperationDefinition> operations = new ConcurrentHashMap<>();
        /** Plan keys of this document's operations, when no variable conditions them (@skip/@include). */
        final Map<String, String> planKeys = new ConcurrentHashMap<>();

        Parsed(Document document) {
            this.document = document;
            this.hasConditions = !OperationNormalizer.conditionValues(document, Map.of()).isEmpty();
        }

        String printed() {
            String p = printed;
            if (p == null) {
                p = AstPrinter.printAstCompact(document);
                printed = p;
            }
            return p;
        }
    }

    private final Supergraph supergraph;
    private final OperationLimits limits;
    private final PersistedQueries persistedQueries;
    private final Cache<String, Parsed> documents;

    OperationPreparation(Supergraph supergraph, OperationLimits limits, PersistedQueries persistedQueries, int cacheSize) {
        this.supergraph = supergraph;
        this.limits = limits;
        this.persistedQueries = persistedQueries;
        // W-TinyLFU, maintenance on the calling thread (as PlanCache)
        this.documents = Caffeine.newBuilder().maximumSize(Math.max(1, cacheSize)).executor(Runnable::run)
                .recordStats().build();
    }

    /** Hits and misses of the parsed-operation cache (a miss parses the text). */
    CacheStats stats() {
        return documents.stats();
    }

    /**
     * @param overGet the request came as an HTTP GET (a mutation is refused with 405)
     * @return the operation ready to plan, or the response refusing it
     */
    Outcome prepare(GraphQLRequest received, boolean overGet) {
        PersistedQueries.Resolution persisted = persistedQueries.resolve(received);
        if (persisted instanceof PersistedQueries.Resolution.Refused refused) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(refused.error()));
            return new Refused(new GatewayResponse(body, true, false, refused.badRequest() ? 400 : 0));
        }
        GraphQLRequest request = persisted instanceof PersistedQueries.Resolution.Found found
                ? received.withQuery(found.query()) : received;
        if (request.query() == null || request.query().isBlank()) {
            return refused(error("Must provide query string.", null), false);
        }
        Parsed parsed = documents.getIfPresent(request.query());
        if (parsed == null) {
            try {
                parsed = new Parsed(Parser.parse(ParserEnvironment.newParserEnvironment().document(request.query())
                        .parserOptions(ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(MAX_TOKENS)))
                        .build()));
            } catch (InvalidSyntaxException e) {
                return refused(error(e.getMessage(), e.getLocation()), false);
            }
            documents.put(request.query(), parsed);
        }
        Document document = parsed.document;
        String named = request.operationName() == null ? "" : request.operationName();
        OperationDefinition operation = parsed.operations.get(named);
        if (operation == null) {
            try {
                operation = selectOperation(document, request.operationName());
            } catch (IllegalArgumentException e) {
                return refused(error(e.getMessage(), null), false);
            }
            parsed.operations.put(named, operation);
        }
        boolean mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
        if (mutation && overGet) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(error("Mutations are only allowed over POST.", null)));
            return new Refused(new GatewayResponse(body, true, true, 405));
        }
        Map<String, Object> rawVariables = request.variables() == null ? Map.of() : request.variables();
        var violation = parsed.fixedVerdicts.get(operation);
        if (violation == null) {
            // most operations' cost does not depend on their variables: then it is worked out once
            ReadRecordingMap read = new ReadRecordingMap(rawVariables);
            violation = limits.check(supergraph.apiSchema(), supergraph.costs(), document, operation, read);
            if (!read.read) {
                parsed.fixedVerdicts.put(operation, violation);
            }
        }
        if (violation.isPresent()) {
            return refused(error(violation.get().message(), null, violation.get().code()), mutation);
        }
        List<ValidationError> validation = parsed.validation;
        if (validation == null) {
            // the same text always validates the same way against the one API schema
            validation = new Validator().validateDocument(supergraph.apiSchema(), document, Locale.ENGLISH);
            parsed.validation = validation;
        }
        if (!validation.isEmpty()) {
            return new Refused(requestError(validation.stream().map(GatewayErrors::toJson).toList(), mutation));
        }
        if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            return refused(error("Subscriptions are not supported by this gateway.", operation.getSourceLocation()), false);
        }
        if (persisted instanceof PersistedQueries.Resolution.Register registration) {
            // stored once it has parsed and validated (as Apollo Server does): a hash never stands for
            // a text that cannot run; limits and variables are checked on every request anyway
            persistedQueries.register(registration);
        }
        Map<String, Object> coerced;
        try {
            coerced = ValuesResolver.coerceVariableValues(supergraph.apiSchema(), operation.getVariableDefinitions(),
                    RawVariables.of(rawVariables), GraphQLContext.getDefault(), Locale.ENGLISH).toMap();
        } catch (RuntimeException e) {
            if (e instanceof GraphQLError graphQLError) {
                return refused(GatewayErrors.toJson(graphQLError), mutation);
            }
            return refused(error("Invalid variables: " + e.getMessage(), null), mutation);
        }
        Parsed text = parsed;
        String planKey = parsed.hasConditions
                ? parsed.printed() + "\u0000" + operation.getName() + "\u0000" + OperationNormalizer.conditionValues(document, coerced)
                : parsed.planKeys.computeIfAbsent(String.valueOf(operation.getName()),
                        name -> text.printed() + "\u0000" + name + "\u0000{}");
        return new Ready(request, document, operation, mutation, rawVariables, coerced, planKey);
    }

    /** The variables, noting whether anything looked at them. */
    private static final class ReadRecordingMap extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> values;
        boolean read;

        ReadRecordingMap(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public Object get(Object key) {
            read = true;
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            read = true;
            return values.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            read = true;
            return values.entrySet();
        }
    }

    /** The operation the request names, or its only one; the reason as the exception's message. */
    static OperationDefinition selectOperation(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName != null && !operationName.isEmpty()) {
            return operations.stream().filter(o -> operationName.equals(o.getName())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown operation named \"" + operationName + "\"."));
        }
        if (operations.size() == 1) {
            return operations.getFirst();
        }
        throw new IllegalArgumentException(operations.isEmpty() ? "No operations found in the document."
                : "Must provide operation name if query contains multiple operations.");
    }

    private static Refused refused(Map<String, Object> error, boolean mutation) {
        return new Refused(requestError(error, mutation));
    }
}
