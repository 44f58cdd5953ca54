package dev.storefront.gateway.supergraph;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which progressive-override labels ({@code @override(label:)}) are switched on. A label that is
 * not enabled leaves the field with the subgraph it was overridden from. {@code percent(x)} labels
 * follow the progressive override spec: {@code percent(100)} (or more) always applies,
 * {@code percent(0)} never, and in between each request rolls its own (see {@link #rolled}).
 */
public record OverrideLabels(Set<String> enabled) {
    public static final OverrideLabels NONE = new OverrideLabels(Set.of());

    public boolean isEnabled(String label) {
        if (enabled.contains(label)) {
            return true;
        }
        Double percent = percent(label);
        return percent != null && percent >= 100;
    }

    /** The share of a {@code percent(x)} label, or null for any other label. */
    public static Double percent(String label) {
        if (!label.startsWith("percent(") || !label.endsWith(")")) {
            return null;
        }
        try {
            return Double.parseDouble(label.substring("percent(".length(), label.length() - 1).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** These labels plus the {@code percent(x)} labels among {@code percentLabels} this request's roll switched on. */
    public OverrideLabels rolled(Collection<String> percentLabels, RandomGenerator random) {
        Set<String> on = null;
        for (String label : percentLabels) {
            Double percent = percent(label);
            if (percent != null && !enabled.contains(label) && random.nextDouble() * 100 < percent) {
                if (on == null) {
                    on = new HashSet<>(enabled);
                }
                on.add(label);
            }
        }
        return on == null ? this : new OverrideLabels(Set.copyOf(on));
    }
}
