package dev.storefront.gateway.execution;

import java.util.List;
import java.util.Map;

/**
 * What the subgraphs returned, merged: raw data keyed by response keys (not yet shaped to the
 * operation) and errors already re-pathed to client paths.
 */
public record ExecutionResult(Map<String, Object> data, List<Map<String, Object>> errors) {
}
