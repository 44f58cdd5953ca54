package dev.storefront.orders.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** How to pay: a card, passed on to payments for authorization and never stored by orders. */
// Helidon uses a name that differs from the class name as is, and appends "Input" to the class name otherwise
@Input("PaymentMethodInput")
@Description("A card to charge; orders passes it to payments and does not keep it")
public class PaymentMethodRequest {

    @NonNull
    private String cardNumber;

    public PaymentMethodRequest() {
    }

    @NonNull
    @Description("12-19 digits. Test cards: 4242424242424242 succeeds, 4000000000000002 is declined, "
            + "4000000000009995 lacks funds, 4000000000000119 times out at the provider")
    public String getCardNumber() {
        return cardNumber;
    }

    public void setCardNumber(String cardNumber) {
        this.cardNumber = cardNumber;
    }
}
