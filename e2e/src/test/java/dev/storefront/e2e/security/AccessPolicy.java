package dev.storefront.e2e.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

/**
 * Who may call each field, as the checked-in {@code access-policy.properties} says. A line
 * {@code Type.field = ACCESS [pending]} classifies a field; lines {@code Type.field.<attribute>}
 * describe the sample operation the access matrix runs for it (see the file's header).
 */
final class AccessPolicy {

    /** Who may call a field. */
    enum Access {
        /** anyone, signed in or not */
        PUBLIC,
        /** any signed-in account */
        AUTHENTICATED,
        /** the account owning the data, or an ADMIN */
        OWNER,
        /** ADMIN only */
        ADMIN
    }

    /**
     * One classified field.
     *
     * @param field          {@code Type.field}
     * @param access         who may call it
     * @param pending        enforcement is not there yet: mismatches are reported, not failed
     * @param operation      sample GraphQL document reaching the field (non-PUBLIC)
     * @param variables      its variables for the owner (or the signed-in caller, or the admin)
     * @param adminVariables variables for the admin's call, when it must differ (a state change
     *                       the owner's call already made)
     * @param owner          account whose token succeeds (OWNER; AUTHENTICATED: any account)
     * @param nonOwner       another customer account, refused (OWNER)
     * @param path           where the field's data is in the response, e.g. {@code user.orders}
     * @param prepare        GraphQL document run by the same caller right before a call that must be
     *                       served (state the call needs, e.g. a cart and an address); a variable
     *                       value {@code "$prepared.<path>"} is replaced by the value at that path
     *                       of its response's data; {@code null} when nothing is needed
     */
    record Entry(String field, Access access, boolean pending, String operation, JsonObject variables,
                 JsonObject adminVariables, String owner, String nonOwner, String path, String prepare) {
    }

    private static final List<String> ATTRIBUTES = List.of("operation", "variables", "adminVariables", "owner", "nonOwner", "path",
            "prepare");

    private final Map<String, Entry> entries;
    private final List<String> problems;

    private AccessPolicy(Map<String, Entry> entries, List<String> problems) {
        this.entries = entries;
        this.problems = problems;
    }

    /**
     * @param resource classpath resource of the policy file
     * @return the policy, with the problems found in it (an incomplete entry, an unknown access)
     */
    static AccessPolicy load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AccessPolicy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("No " + resource + " on the test classpath");
            }
            properties.load(in);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && ATTRIBUTES.contains(parts[2])) {
                if (!properties.containsKey(parts[0] + "." + parts[1])) {
                    problems.add(key + " describes a field that is not classified");
                }
                continue;
            }
            if (parts.length != 2) {
                problems.add(key + " is neither Type.field nor Type.field.<" + String.join("|", ATTRIBUTES) + ">");
                continue;
            }
            String[] value = properties.getProperty(key).trim().split("\\s+");
            Access access;
            try {
                access = Access.valueOf(value[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(key + " = " + properties.getProperty(key) + ": access must be PUBLIC, AUTHENTICATED, OWNER or ADMIN");
                continue;
            }
            boolean pending = value.length > 1 && value[1].equalsIgnoreCase("pending");
            if (value.length > 2 || (value.length == 2 && !pending)) {
                problems.add(key + " = " + properties.getProperty(key) + ": only 'pending' may follow the access");
            }
            Entry entry = new Entry(key, access, pending,
                    properties.getProperty(key + ".operation"),
                    json(properties, key + ".variables", problems),
                    json(properties, key + ".adminVariables", problems),
                    properties.getProperty(key + ".owner"),
                    properties.getProperty(key + ".nonOwner"),
                    properties.getProperty(key + ".path", parts[0].equals("Query") || parts[0].equals("Mutation") ? parts[1] : null),
                    properties.getProperty(key + ".prepare"));
            problems.addAll(missingAttributes(entry));
            entries.put(key, entry);
        }
        return new AccessPolicy(entries, problems);
    }

    /** @return the classified fields, by {@code Type.field} */
    Map<String, Entry> entries() {
        return entries;
    }

    /** @return what is wrong in the file itself */
    List<String> problems() {
        return problems;
    }

    private static List<String> missingAttributes(Entry entry) {
        List<String> missing = new ArrayList<>();
        if (entry.access() == Access.PUBLIC) {
            return missing;
        }
        if (entry.operation() == null) {
            missing.add(entry.field() + " is " + entry.access() + " but has no .operation to test it with");
        }
        if (entry.path() == null) {
            missing.add(entry.field() + " is not a root field: give its .path in the response, e.g. user.orders");
        }
        if (entry.access() == Access.OWNER && (entry.owner() == null || entry.nonOwner() == null)) {
            missing.add(entry.field() + " is OWNER but lacks .owner or .nonOwner (accounts whose tokens are used)");
        }
        return missing;
    }

    private static JsonObject json(Properties properties, String key, List<String> problems) {
        String text = properties.getProperty(key);
        if (text == null) {
            return null;
        }
        try {
            return Json.createReader(new StringReader(text)).readObject();
        } catch (JsonException e) {
            problems.add(key + " is not a JSON object: " + e.getMessage());
            return null;
        }
    }
}
