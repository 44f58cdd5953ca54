package dev.storefront.gateway.supergraph;

import java.util.Set;

/**
 * Which progressive-override labels ({@code @override(label:)}) are switched on. A label that is
 * not enabled leaves the field with the subgraph it was overridden from; percentages are not rolled
 * by chance because the plan cache and tests need a deterministic answer.
 */
public record OverrideLabels(Set<String> enabled) {
    public static final OverrideLabels NONE = new OverrideLabels(Set.of());

    public boolean isEnabled(String label) {
        return enabled.contains(label);
    }
}
