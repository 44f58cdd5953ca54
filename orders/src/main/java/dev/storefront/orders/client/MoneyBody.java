package dev.storefront.orders.client;

import dev.storefront.subgraph.types.Money;

/**
 * An amount as the internal contracts write it: {@code {"amountMinor": 1299, "currency": "EUR"}}.
 *
 * @param amountMinor integer minor units
 * @param currency    ISO 4217 code
 */
public record MoneyBody(Integer amountMinor, String currency) {

    static MoneyBody of(Money money) {
        return new MoneyBody(money.getAmountMinor(), money.getCurrency());
    }

    /** @return the amount, or {@code null} when either part is missing (the caller answers "unexpected") */
    Money toMoney() {
        return amountMinor == null || currency == null ? null : new Money(amountMinor, currency);
    }
}
