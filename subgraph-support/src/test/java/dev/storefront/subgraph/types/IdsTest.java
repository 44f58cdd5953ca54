package dev.storefront.subgraph.types;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdsTest {

    @Test
    void acceptsLettersDigitsDashAndUnderscoreUpTo64() {
        for (String id : new String[] {"a", "Z", "0", "-", "_", "ord_9f8e7d", "prod-01", "AZaz09-_", "x".repeat(64)}) {
            assertThat(id, Ids.isValid(id), is(true));
            assertThat(Ids.require("id", id), is(id));
        }
    }

    @Test
    void refusesEmptyTooLongOtherCharactersAndNonStrings() {
        for (Object id : new Object[] {null, "", "x".repeat(65), "a b", "a/b", "a.b", "a'b", "é", "ａ", "a\n", "ord_1;", 42}) {
            assertThat(String.valueOf(id), Ids.isValid(id), is(false));
        }
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Ids.require("orderId", "a b"));
        assertThat(e.getMessage(), containsString("Argument 'orderId' is not a valid id: 'a b'"));
        assertThrows(InvalidArgumentException.class, () -> Ids.require("orderId", null));
    }

    @Test
    void newIdsAreValidAndDistinct() {
        String a = Ids.newId("ord");
        assertThat(Ids.isValid(a), is(true));
        assertThat(a.startsWith("ord_"), is(true));
        assertThat(a.equals(Ids.newId("ord")), is(false));
    }
}
