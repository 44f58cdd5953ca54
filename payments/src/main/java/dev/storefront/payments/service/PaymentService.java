package dev.storefront.payments.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.storefront.payments.domain.AuthorizationRequest;
import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.domain.PaymentFailureCode;
import dev.storefront.payments.domain.PaymentMethod;
import dev.storefront.payments.domain.PaymentProvider.AuthorizationOutcome;
import dev.storefront.payments.domain.PaymentProvider;
import dev.storefront.payments.domain.PaymentRejectedException.Reason;
import dev.storefront.payments.domain.PaymentRejectedException;
import dev.storefront.payments.domain.PaymentStatus;
import dev.storefront.payments.domain.ProviderTimeoutException;
import dev.storefront.payments.persistence.PaymentRepository;
import dev.storefront.subgraph.deadline.Deadline;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.subgraph.types.Money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The payment rules: authorize once per idempotency key, capture on shipment, void an
 * authorization that will not be captured, refund at most what was captured. Each operation
 * answers with the payment as it stands afterwards, or throws {@link PaymentRejectedException}.
 * Operations that find the payment already in the requested state succeed without doing anything
 * again, so callers may retry them.
 */
@ApplicationScoped
public class PaymentService {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern CARD_NUMBER = Pattern.compile("[0-9]{12,19}");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final System.Logger LOGGER = System.getLogger(PaymentService.class.getName());

    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final Duration concurrentWait;
    private final Duration staleAfter;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public PaymentService(PaymentRepository payments,
                          PaymentProvider provider,
                          @ConfigProperty(name = "payments.authorization.concurrent-wait-ms", defaultValue = "10000")
                          long concurrentWaitMillis,
                          @ConfigProperty(name = "payments.authorization.stale-after-ms", defaultValue = "30000")
                          long staleAfterMillis) {
        this.payments = payments;
        this.provider = provider;
        this.concurrentWait = Duration.ofMillis(concurrentWaitMillis);
        this.staleAfter = Duration.ofMillis(staleAfterMillis);
    }

    /**
     * Authorize a payment, once per idempotency key. The payment row is inserted before the
     * provider is asked, and the unique key on {@code idempotency_key} lets exactly one of any
     * number of concurrent requests do so; the others wait for its outcome and answer with it.
     *
     * @param idempotencyKey the caller's key
     * @param request        what to authorize
     * @return the payment: AUTHORIZED, DECLINED (with the reason) or FAILED (provider timeout)
     * @throws PaymentRejectedException on invalid input or a key reused for another request
     */
    public Payment authorize(String idempotencyKey, AuthorizationRequest request) {
        validate(idempotencyKey, request);
        Payment pending = Payment.pending(request, idempotencyKey, now());
        if (payments.insertIfKeyIsNew(pending)) {
            return askProvider(pending, request);
        }
        Payment existing = payments.findByIdempotencyKey(idempotencyKey).orElseThrow(() ->
                new IllegalStateException("Idempotency key " + idempotencyKey + " is taken but has no payment"));
        if (!existing.isRequestedBy(request)) {
            throw new PaymentRejectedException(Reason.IDEMPOTENCY_KEY_REUSED, "Idempotency key '" + idempotencyKey
                    + "' was already used for a different payment request", existing);
        }
        return awaitOutcome(existing, request);
    }

    /**
     * Capture the authorized amount (called by orders when the order ships).
     *
     * @param paymentId payment
     * @return the payment, CAPTURED (or further along if it was captured before)
     */
    public Payment capture(String paymentId) {
        Payment payment = existing(paymentId);
        if (payment.getStatus() == PaymentStatus.AUTHORIZED) {
            payments.capture(paymentId, now(), () -> provider.capture(payment.providerReference(),
                    payment.amountMinor(), payment.currency()));
        }
        Payment after = existing(paymentId);
        if (!after.getStatus().wasCaptured()) {
            throw invalidTransition(after, "capture");
        }
        return after;
    }

    /**
     * Release an authorization that will not be captured (order cancelled or saga compensation).
     *
     * @param paymentId payment
     * @return the payment, VOIDED
     */
    public Payment voidAuthorization(String paymentId) {
        Payment payment = existing(paymentId);
        if (payment.getStatus() == PaymentStatus.AUTHORIZED) {
            payments.voidAuthorization(paymentId, now(), () -> provider.voidAuthorization(payment.providerReference()));
        }
        Payment after = existing(paymentId);
        if (after.getStatus() != PaymentStatus.VOIDED) {
            throw invalidTransition(after, "void");
        }
        return after;
    }

    /**
     * Refund part or all of the captured amount. With a refund key, a repeated request is applied
     * once; without one, a full refund of an already fully refunded payment is a repeat.
     *
     * @param paymentId payment
     * @param amount    amount to refund, positive, in the payment's currency
     * @param refundKey the caller's key for this refund, or {@code null}
     * @return the payment, PARTIALLY_REFUNDED or REFUNDED
     */
    public Payment refund(String paymentId, Money amount, String refundKey) {
        if (refundKey != null && !IDEMPOTENCY_KEY.matcher(refundKey).matches()) {
            throw new PaymentRejectedException(Reason.INVALID_REQUEST, "Refund key must be 1-128 letters, digits, "
                    + "'_', '.', ':' or '-'", null);
        }
        Payment payment = existing(paymentId);
        requirePositive(amount);
        if (!amount.getCurrency().equals(payment.currency())) {
            throw new PaymentRejectedException(Reason.INVALID_AMOUNT, "Refund currency " + amount.getCurrency()
                    + " does not match the payment currency " + payment.currency(), payment);
        }
        if (refundKey != null && payments.hasRefund(paymentId, refundKey)) {
            return payment;
        }
        if (refundKey == null && payment.getStatus() == PaymentStatus.REFUNDED
                && amount.getAmountMinor() == payment.capturedMinor()) {
            return payment;
        }
        switch (payments.refund(paymentId, amount.getAmountMinor(), amount.getCurrency(), refundKey, now(),
                () -> provider.refund(payment.providerReference(), amount.getAmountMinor(), amount.getCurrency()))) {
            case REFUNDED, DUPLICATE_KEY -> {
                return existing(paymentId);
            }
            default -> {
                Payment after = existing(paymentId);
                if (after.getStatus().isRefundable() || after.getStatus() == PaymentStatus.REFUNDED) {
                    throw new PaymentRejectedException(Reason.REFUND_EXCEEDS_CAPTURED, "Cannot refund "
                            + amount + ": only " + new Money(after.refundableMinor(), after.currency())
                            + " of the captured " + after.getCapturedAmount() + " remains", after);
                }
                throw invalidTransition(after, "refund");
            }
        }
    }

    /**
     * A payment by id.
     *
     * @param paymentId id
     * @return the payment, if any
     */
    public Optional<Payment> find(String paymentId) {
        return payments.findById(paymentId);
    }

    /**
     * The payments of an order, oldest first (for the saga's recovery).
     *
     * @param orderId order id
     * @return its payments
     */
    public List<Payment> ofOrder(String orderId) {
        if (!Ids.isValid(orderId)) {
            throw new PaymentRejectedException(Reason.INVALID_REQUEST, "orderId is not a valid id: '" + orderId + "'", null);
        }
        return payments.findByOrderIds(List.of(orderId)).getOrDefault(orderId, List.of());
    }

    /**
     * Resolve the authorizations whose answer was lost: every payment still PENDING
     * {@code stale-after} after it was created (the process that asked the provider died, or could
     * not record the answer). The provider says what became of each key (payments keeps no card
     * number to ask again with): AUTHORIZED (orders then completes or voids it), DECLINED, or
     * FAILED when nothing was authorized. Recorded by the same conditional update as a live
     * answer, so a request recording its own answer meanwhile, a retry re-driving the key or
     * another replica doing the same cannot record a second outcome; the provider deduplicates by
     * the key. A payment the provider does not answer for stays PENDING for the next run.
     *
     * @param limit at most this many payments in one run
     * @return the payments resolved by this call
     */
    public List<Payment> resolveLostAuthorizations(int limit) {
        List<Payment> resolved = new ArrayList<>();
        for (Payment lost : payments.findPendingCreatedBefore(now().minus(staleAfter), limit)) {
            Instant at;
            AuthorizationOutcome outcome;
            try {
                outcome = provider.resolveLost(lost.idempotencyKey(), lost.getCardLast4());
                at = now();
            } catch (ProviderTimeoutException e) {
                LOGGER.log(System.Logger.Level.WARNING, "Lost authorization " + lost.getId() + " not resolved yet: "
                        + e.getMessage());
                continue;
            }
            boolean recorded;
            if (outcome.approved()) {
                recorded = payments.recordAuthorization(lost.getId(), PaymentStatus.AUTHORIZED, null, outcome.reference(), at);
            } else if (outcome.declineCode() != null) {
                recorded = payments.recordAuthorization(lost.getId(), PaymentStatus.DECLINED, outcome.declineCode(), null, at);
            } else {
                // no answer from the provider was ever recorded, and nothing is authorized: as a timeout
                recorded = payments.recordAuthorization(lost.getId(), PaymentStatus.FAILED,
                        PaymentFailureCode.PROVIDER_TIMEOUT, null, at);
            }
            if (recorded) {
                Payment after = existing(lost.getId());
                LOGGER.log(System.Logger.Level.INFO, "Lost authorization " + after.getId() + " of " + after.orderId()
                        + " (key " + after.idempotencyKey() + ", PENDING since " + after.createdAt() + ") resolved: "
                        + after.getStatus());
                resolved.add(after);
            }
        }
        return resolved;
    }

    /**
     * Ask the provider and record its answer, unless someone else recorded one meanwhile. The
     * payment this call recorded is answered as written (the conditional update found it PENDING,
     * so nothing else changed it); only one whose answer another request recorded is read again.
     */
    private Payment askProvider(Payment payment, AuthorizationRequest request) {
        PaymentStatus status;
        PaymentFailureCode failure = null;
        String reference = null;
        Instant at;
        try {
            AuthorizationOutcome outcome = provider.authorize(payment.idempotencyKey(), request);
            at = now();
            if (outcome.approved()) {
                status = PaymentStatus.AUTHORIZED;
                reference = outcome.reference();
            } else {
                status = PaymentStatus.DECLINED;
                failure = outcome.declineCode();
            }
        } catch (ProviderTimeoutException e) {
            status = PaymentStatus.FAILED;
            failure = PaymentFailureCode.PROVIDER_TIMEOUT;
            at = now();
        }
        if (payments.recordAuthorization(payment.getId(), status, failure, reference, at)) {
            return payments.withRelated(payment.withAuthorizationRecorded(status, failure, reference));
        }
        return existing(payment.getId());
    }

    /**
     * Wait for the request that inserted the payment to record the provider's answer. A payment
     * left PENDING longer than {@code stale-after} was abandoned by a process that died; asking
     * the provider again with the same key is safe, since providers deduplicate by it.
     */
    private Payment awaitOutcome(Payment payment, AuthorizationRequest request) {
        // no longer than the caller waits for this answer (its deadline), which then retries later
        Instant giveUp = now().plusMillis(Deadline.current().bound(concurrentWait.toMillis()));
        Payment current = payment;
        while (current.getStatus() == PaymentStatus.PENDING) {
            if (current.createdAt().plus(staleAfter).isBefore(now())) {
                return askProvider(current, request);
            }
            if (now().isAfter(giveUp)) {
                throw new PaymentRejectedException(Reason.AUTHORIZATION_IN_PROGRESS, "An authorization with this "
                        + "idempotency key is still in progress; retry later", current);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for an authorization", e);
            }
            current = existing(current.getId());
        }
        return current;
    }

    private Payment existing(String paymentId) {
        if (!Ids.isValid(paymentId)) {
            throw new PaymentRejectedException(Reason.NOT_FOUND, "No payment with id '" + paymentId + "'", null);
        }
        return payments.findById(paymentId).orElseThrow(() ->
                new PaymentRejectedException(Reason.NOT_FOUND, "No payment with id '" + paymentId + "'", null));
    }

    private static PaymentRejectedException invalidTransition(Payment payment, String operation) {
        return new PaymentRejectedException(Reason.INVALID_TRANSITION, "Cannot " + operation + " payment "
                + payment.getId() + " in status " + payment.getStatus(), payment);
    }

    private static void validate(String idempotencyKey, AuthorizationRequest request) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new PaymentRejectedException(Reason.INVALID_REQUEST, "Idempotency key must be 1-128 letters, "
                    + "digits, '_', '.', ':' or '-'", null);
        }
        if (!Ids.isValid(request.orderId())) {
            throw new PaymentRejectedException(Reason.INVALID_REQUEST, "orderId is not a valid id: '"
                    + request.orderId() + "'", null);
        }
        if (request.userId() != null && !Ids.isValid(request.userId())) {
            throw new PaymentRejectedException(Reason.INVALID_REQUEST, "userId is not a valid id: '"
                    + request.userId() + "'", null);
        }
        requirePositive(request.amount());
        if (request.method() != PaymentMethod.CARD) {
            throw new PaymentRejectedException(Reason.INVALID_REQUEST, "method must be CARD", null);
        }
        if (request.cardNumber() == null || !CARD_NUMBER.matcher(request.cardNumber()).matches()) {
            throw new PaymentRejectedException(Reason.INVALID_REQUEST, "cardNumber must be 12-19 digits", null);
        }
    }

    private static void requirePositive(Money amount) {
        if (amount == null || amount.getCurrency() == null || !CURRENCY.matcher(amount.getCurrency()).matches()) {
            throw new PaymentRejectedException(Reason.INVALID_AMOUNT, "amount needs amountMinor and a 3-letter "
                    + "ISO 4217 currency code", null);
        }
        if (amount.getAmountMinor() <= 0) {
            throw new PaymentRejectedException(Reason.INVALID_AMOUNT, "amount must be positive minor units, was "
                    + amount.getAmountMinor(), null);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
