package dev.storefront.payments.persistence;

import java.util.function.Supplier;

/**
 * A value computed on first use, once, then shared: lets related objects load what they need for
 * a whole batch in one query, and only if a client selects it.
 *
 * @param <T> value type
 */
final class Memoized<T> implements Supplier<T> {

    private Supplier<T> source;
    private T value;

    Memoized(Supplier<T> source) {
        this.source = source;
    }

    @Override
    public synchronized T get() {
        if (source != null) {
            value = source.get();
            source = null;
        }
        return value;
    }
}
