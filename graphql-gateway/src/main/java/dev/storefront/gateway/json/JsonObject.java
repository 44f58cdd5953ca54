package dev.storefront.gateway.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON object as the gateway holds subgraph answers and builds responses: keys and values in two
 * arrays, in insertion order, found by a linear scan. GraphQL objects have a handful of fields, so
 * a scan of interned keys beats hashing, and an object costs three small allocations instead of a
 * {@link java.util.LinkedHashMap}'s table and one node per entry (about a quarter of the bytes for
 * five fields). Not thread-safe; null keys are not allowed, null values are.
 */
public final class JsonObject extends AbstractMap<String, Object> {
    private static final String[] NO_KEYS = {};
    private static final Object[] NO_VALUES = {};

    /** Above this many entries a hash index finds keys (large objects: aliased fields, maps of introspection). */
    static final int SCAN_LIMIT = 16;

    private String[] keys;
    private Object[] values;
    private int size;
    /** Position of each key once the object is larger than {@link #SCAN_LIMIT}; null below. */
    private java.util.HashMap<String, Integer> index;

    public JsonObject() {
        this(4);
    }

    /** An object of these entries, taking the arrays over (distinct keys, the arrays full). */
    JsonObject(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
        this.size = keys.length;
        if (size > SCAN_LIMIT) {
            reindex();
        }
    }

    /** @param expectedSize the number of entries it will hold (it grows beyond that when needed) */
    public JsonObject(int expectedSize) {
        keys = expectedSize == 0 ? NO_KEYS : new String[expectedSize];
        values = expectedSize == 0 ? NO_VALUES : new Object[expectedSize];
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        String[] k = keys;
        for (int i = 0; i < size; i++) {
            if (k[i] == key) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (k[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Object put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            int capacity = Math.max(4, size * 2);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        if (index != null) {
            index.put(key, size - 1);
        } else if (size > SCAN_LIMIT) {
            reindex();
        }
        return null;
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
        if (index != null) {
            reindex();
        }
        return old;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        index = null;
    }

    private void reindex() {
        if (size <= SCAN_LIMIT) {
            index = null;
            return;
        }
        index = new java.util.HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            index.put(keys[i], i);
        }
    }

    /** The key at a position (0 … size-1), in insertion order: iteration without entry objects. */
    public String keyAt(int index) {
        Objects.checkIndex(index, size);
        return keys[index];
    }

    /** The value at a position (0 … size-1), in insertion order. */
    public Object valueAt(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    int next;
                    int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        int at = last;
                        return new SimpleEntry<>(keys[at], values[at]) {
                            @Override
                            public Object setValue(Object value) {
                                values[at] = value;
                                return super.setValue(value);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        JsonObject.this.remove(keys[last]);
                        next = last;
                        last = -1;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** {@link Map#hashCode}'s value, from the arrays (no entry objects): representations are hashed to find equal ones. */
    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = 0; i < size; i++) {
            hash += keys[i].hashCode() ^ Objects.hashCode(values[i]);
        }
        return hash;
    }

    /** {@link Map#equals}, from the arrays when the other map is a JsonObject too. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JsonObject that)) {
            return super.equals(other);
        }
        if (that == this) {
            return true;
        }
        if (that.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            int j = that.indexOf(keys[i]);
            if (j < 0 || !Objects.equals(values[i], that.values[j])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }
}
