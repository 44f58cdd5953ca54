package dev.storefront.subgraph.types;

import dev.storefront.subgraph.federation.Shareable;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * An amount of money: integer minor units (cents) and an ISO 4217 currency code. Floating point
 * never touches a price.
 */
@Type("Money")
@Shareable
@Description("An amount in integer minor units (e.g. cents) of an ISO 4217 currency")
public class Money {

    private int amountMinor;
    private String currency;

    public Money() {
    }

    public Money(int amountMinor, String currency) {
        this.amountMinor = amountMinor;
        this.currency = currency;
    }

    @Description("Amount in minor units of the currency, e.g. 1999 for 19.99")
    public int getAmountMinor() {
        return amountMinor;
    }

    public void setAmountMinor(int amountMinor) {
        this.amountMinor = amountMinor;
    }

    @NonNull
    @Description("ISO 4217 currency code, e.g. EUR")
    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && m.amountMinor == amountMinor && java.util.Objects.equals(m.currency, currency);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(amountMinor, currency);
    }

    @Override
    public String toString() {
        return amountMinor + " " + currency;
    }
}
