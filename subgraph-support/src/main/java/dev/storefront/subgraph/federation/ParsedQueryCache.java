package dev.storefront.subgraph.federation;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Parsed and validated queries by their text. A subgraph behind a gateway sees a handful of query
 * texts (the gateway sends values as variables), so parsing and validating each request again was
 * a fixed cost of every call. Only valid documents are kept, so junk queries cannot crowd out the
 * working set; the least recently/frequently used text goes first when the cache is full.
 */
final class ParsedQueryCache implements PreparsedDocumentProvider {

    private final Cache<String, PreparsedDocumentEntry> documents;

    ParsedQueryCache(long maximumSize) {
        this.documents = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry entry = documents.getIfPresent(input.getQuery());
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                documents.put(input.getQuery(), entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    /** @return how many requests found their document here */
    long hits() {
        return documents.stats().hitCount();
    }

    /** @return how many requests parsed and validated their query */
    long misses() {
        return documents.stats().missCount();
    }
}
