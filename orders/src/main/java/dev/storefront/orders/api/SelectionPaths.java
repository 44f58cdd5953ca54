package dev.storefront.orders.api;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;

/**
 * Whether a query shows a path below the field being fetched, read off the query's own syntax.
 * graphql-java's {@code getSelectionSet().contains(...)} answers the same but first normalizes
 * the whole operation (a tenth of an order-history fetch's CPU); this walks only the fields on
 * the path, through inline fragments and fragment spreads. A field under {@code @skip} or
 * {@code @include} counts as shown: the answer may read a little more than it shows, never less.
 */
final class SelectionPaths {

    private SelectionPaths() {
    }

    /**
     * @param env  the fetching environment of the field
     * @param path field names below the field, e.g. {@code edges, node, items}
     * @return whether any selection of the field reaches the whole path
     */
    static boolean shows(DataFetchingEnvironment env, String... path) {
        for (Field field : env.getMergedField().getFields()) {
            if (reaches(env, field.getSelectionSet(), path, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reaches(DataFetchingEnvironment env, SelectionSet selections, String[] path, int depth) {
        if (depth == path.length) {
            return true;
        }
        if (selections == null) {
            return false;
        }
        for (Selection<?> selection : selections.getSelections()) {
            boolean found = switch (selection) {
                case Field field -> field.getName().equals(path[depth])
                        && reaches(env, field.getSelectionSet(), path, depth + 1);
                case InlineFragment inline -> reaches(env, inline.getSelectionSet(), path, depth);
                case FragmentSpread spread -> {
                    FragmentDefinition definition = env.getFragmentsByName().get(spread.getName());
                    yield definition != null && reaches(env, definition.getSelectionSet(), path, depth);
                }
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }
}
