package dev.storefront.gateway.json;

import com.fasterxml.jackson.core.io.CharTypes;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * UTF-8 JSON written into one growing byte array that can be cut back to an earlier length. The
 * response writer needs the cut: GraphQL's null propagation may decide, deep inside an object it is
 * already writing, that the object must be {@code null} after all, and a streaming generator cannot
 * take back what it wrote. Strings are escaped as Jackson escapes them (its escape table; non-ASCII
 * as UTF-8), numbers as Jackson's generator writes them, so the two write the same bytes.
 * <p>
 * Commas are the caller's: {@link #separator()} writes one unless the value is the first in its
 * object or array (the byte before it opens one).
 */
public final class JsonOutput {
    private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** Buffers of finished outputs, for the next ones: a large response no longer grows a new one each time. */
    private static final ConcurrentLinkedDeque<byte[]> POOL = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger POOLED = new AtomicInteger();
    /** At most this many buffers of at most this size are kept: a few MB of heap at worst. */
    private static final int MAX_POOLED = 16;
    private static final int MAX_POOLED_BYTES = 512 * 1024;

    private byte[] bytes;
    private int length;
    /** Where {@link #string} reads a string's chars; grown as needed. */
    private char[] chars;

    /** @param capacity the bytes it starts with (it grows as needed) */
    public JsonOutput(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    private JsonOutput(byte[] buffer) {
        bytes = buffer;
    }

    /** An output on a buffer a finished one gave back ({@link #release}), or a new one of {@code capacity} bytes. */
    public static JsonOutput pooled(int capacity) {
        byte[] buffer = POOL.pollFirst();
        if (buffer == null) {
            return new JsonOutput(capacity);
        }
        POOLED.decrementAndGet();
        return new JsonOutput(buffer);
    }

    /** Gives the buffer back for a later {@link #pooled} output; this output is not used afterwards. */
    public void release() {
        byte[] buffer = bytes;
        bytes = null;
        if (buffer.length > MAX_POOLED_BYTES) {
            return;
        }
        if (POOLED.incrementAndGet() <= MAX_POOLED) {
            POOL.offerFirst(buffer);
        } else {
            POOLED.decrementAndGet();
        }
    }

    /** The bytes written so far (a position to {@link #truncate} back to). */
    public int length() {
        return length;
    }

    /** Forgets everything written after {@code position}. */
    public void truncate(int position) {
        length = position;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** A comma, unless the next value or field is the first of its object or array. */
    public void separator() {
        if (length > 0) {
            byte last = bytes[length - 1];
            if (last != '{' && last != '[') {
                put((byte) ',');
            }
        }
    }

    public void startObject() {
        put((byte) '{');
    }

    public void endObject() {
        put((byte) '}');
    }

    public void startArray() {
        put((byte) '[');
    }

    public void endArray() {
        put((byte) ']');
    }

    /** A field's name and its colon (the separator before it is the caller's). */
    public void fieldName(String name) {
        string(name);
        put((byte) ':');
    }

    public void nullValue() {
        raw(NULL);
    }

    /** Bytes that already are JSON (a value written elsewhere). */
    public void raw(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, bytes, length, json.length);
        length += json.length;
    }

    /** Bytes {@code from} to {@code to} of what {@code source} wrote. */
    public void raw(JsonOutput source, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(source.bytes, from, bytes, length, n);
        length += n;
    }

    /**
     * Any value the gateway holds: maps, lists, strings, numbers, booleans and null; anything else
     * (introspection may hold other classes) through Jackson's data binding.
     */
    public void value(Object value) throws IOException {
        switch (value) {
            case null -> nullValue();
            case String s -> string(s);
            case Integer i -> ascii(Integer.toString(i));
            case Long l -> ascii(Long.toString(l));
            case Boolean b -> raw(b ? TRUE : FALSE);
            // as Jackson writes them: Double.toString, non-finite values quoted
            case Double d -> {
                if (Double.isFinite(d)) {
                    ascii(Double.toString(d));
                } else {
                    string(Double.toString(d));
                }
            }
            case BigInteger b -> ascii(b.toString());
            case BigDecimal b -> ascii(b.toString());
            case JsonObject object -> {
                startObject();
                for (int i = 0; i < object.size(); i++) {
                    separator();
                    fieldName(object.keyAt(i));
                    value(object.valueAt(i));
                }
                endObject();
            }
            case Map<?, ?> map -> {
                startObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    separator();
                    fieldName(String.valueOf(entry.getKey()));
                    value(entry.getValue());
                }
                endObject();
            }
            case List<?> list -> {
                startArray();
                for (int i = 0, n = list.size(); i < n; i++) {
                    separator();
                    value(list.get(i));
                }
                endArray();
            }
            default -> raw(Json.boundBytes(value));
        }
    }

    /** A field name as {@link #fieldName} writes it ({@code "name":}), to be written again and again by {@link #raw}. */
    public static byte[] encodedFieldName(String name) {
        JsonOutput out = new JsonOutput(name.length() + 3);
        out.fieldName(name);
        return out.toByteArray();
    }

    /** A JSON string: quoted, escaped like Jackson's generator, UTF-8. */
    public void string(String s) {
        int n = s.length();
        // worst case: every char a 6-byte escape, or 3 UTF-8 bytes; plus the quotes
        ensure(6 * n + 2);
        // read from a char array, as Jackson's generator does: cheaper per char than String.charAt
        char[] c = chars;
        if (c == null || c.length < n) {
            c = chars = new char[Math.max(n, 64)];
        }
        s.getChars(0, n, c, 0);
        byte[] b = bytes;
        int at = length;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                int escape = ESCAPES[ch];
                if (escape == 0) {
                    b[at++] = (byte) ch;
                } else if (escape > 0) {
                    b[at++] = '\\';
                    b[at++] = (byte) escape;
                } else {
                    b[at++] = '\\';
                    b[at++] = 'u';
                    b[at++] = '0';
                    b[at++] = '0';
                    b[at++] = HEX[ch >> 4];
                    b[at++] = HEX[ch & 0xF];
                }
            } else if (ch < 0x800) {
                b[at++] = (byte) (0xC0 | (ch >> 6));
                b[at++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                b[at++] = (byte) (0xF0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(ch)) {
                // a lone surrogate (a subgraph may send one, escaped) has no UTF-8 form: U+FFFD
                // instead (Jackson's generator refuses the whole response)
                b[at++] = (byte) 0xEF;
                b[at++] = (byte) 0xBF;
                b[at++] = (byte) 0xBD;
            } else {
                b[at++] = (byte) (0xE0 | (ch >> 12));
                b[at++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        b[at++] = '"';
        length = at;
    }

    private void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length + i] = (byte) text.charAt(i);
        }
        length += n;
    }

    private void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
