package dev.storefront.payments.client;

import java.time.Duration;
import java.util.Map;

import dev.storefront.payments.domain.AuthorizationRequest;
import dev.storefront.payments.domain.PaymentFailureCode;
import dev.storefront.payments.domain.PaymentProvider;
import dev.storefront.payments.domain.ProviderTimeoutException;
import dev.storefront.subgraph.deadline.Deadline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A card processor that moves no money, driven by the documented test card numbers (see
 * payments/README.md): {@value #SUCCESS} approves, {@value #DECLINED} is declined,
 * {@value #INSUFFICIENT_FUNDS} lacks funds, {@value #TIMEOUT} hangs for the configured delay and
 * then times out. Any other card number is approved. Capture, void and refund always succeed.
 * Authorization references derive from the idempotency key, so a repeated authorization yields
 * the same reference, as a real provider's idempotency would.
 */
@ApplicationScoped
public class SimulatedCardProvider implements PaymentProvider {

    static final String SUCCESS = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String INSUFFICIENT_FUNDS = "4000000000009995";
    static final String TIMEOUT = "4000000000000119";

    private static final Map<String, PaymentFailureCode> DECLINING_CARDS = Map.of(
            DECLINED, PaymentFailureCode.PAYMENT_DECLINED,
            INSUFFICIENT_FUNDS, PaymentFailureCode.INSUFFICIENT_FUNDS);

    private final Duration timeoutDelay;
    private final long deadlineReserveMillis;

    @Inject
    public SimulatedCardProvider(@ConfigProperty(name = "payments.provider.timeout-delay-ms", defaultValue = "3000")
                                 long timeoutDelayMillis,
                                 @ConfigProperty(name = "payments.deadline.reserve-ms", defaultValue = "200")
                                 long deadlineReserveMillis) {
        this.timeoutDelay = Duration.ofMillis(timeoutDelayMillis);
        this.deadlineReserveMillis = deadlineReserveMillis;
    }

    @Override
    public AuthorizationOutcome authorize(String idempotencyKey, AuthorizationRequest request) {
        String card = request.cardNumber();
        if (TIMEOUT.equals(card)) {
            // the provider call keeps inside the request's deadline, less the time kept to record
            // the outcome and answer (as a real provider client's request timeout would): the
            // caller hears PROVIDER_TIMEOUT before it stops waiting, and nothing is authorized
            long wait = Deadline.current().shortenedBy(deadlineReserveMillis).bound(timeoutDelay.toMillis());
            try {
                Thread.sleep(Math.max(0, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ProviderTimeoutException("The card provider did not answer within " + wait + " ms"
                    + (wait < timeoutDelay.toMillis() ? " (the request's deadline)" : ""));
        }
        PaymentFailureCode decline = DECLINING_CARDS.get(card);
        if (decline != null) {
            return AuthorizationOutcome.declined(decline);
        }
        return AuthorizationOutcome.approved(reference(idempotencyKey, request.cardLast4()));
    }

    /**
     * The simulated provider keeps no records: its answers follow from the card, and of a lost
     * authorization payments knows the card's last four digits only. They tell the documented test
     * cards apart, and the answer is the one {@link #authorize} gave or would give: approved (the
     * same reference), declined, or, for the timeout card, nothing authorized.
     */
    @Override
    public AuthorizationOutcome resolveLost(String idempotencyKey, String cardLast4) {
        if (cardLast4 == null || TIMEOUT.endsWith(cardLast4)) {
            return AuthorizationOutcome.notAuthorized();
        }
        for (Map.Entry<String, PaymentFailureCode> declining : DECLINING_CARDS.entrySet()) {
            if (declining.getKey().endsWith(cardLast4)) {
                return AuthorizationOutcome.declined(declining.getValue());
            }
        }
        return AuthorizationOutcome.approved(reference(idempotencyKey, cardLast4));
    }

    private static String reference(String idempotencyKey, String cardLast4) {
        return "sim_auth_" + Integer.toHexString(idempotencyKey.hashCode()) + "_" + cardLast4;
    }

    @Override
    public void capture(String authorizationReference, int amountMinor, String currency) {
        // the simulated issuer honours every capture of an approved authorization
    }

    @Override
    public void voidAuthorization(String authorizationReference) {
        // the simulated issuer releases every authorization it is asked to
    }

    @Override
    public void refund(String authorizationReference, int amountMinor, String currency) {
        // the simulated issuer accepts every refund within the captured amount (checked by the caller)
    }
}
