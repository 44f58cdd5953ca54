package dev.storefront.payments.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.storefront.subgraph.types.Money;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * A payment for an order. Amounts are integer minor units of one currency; the captured amount
 * is set on capture and refunds never exceed it. Accessors without the {@code get} prefix are
 * internal and stay out of the GraphQL schema.
 */
@Type("Payment")
@Description("A payment for an order: authorized at checkout, captured on shipment, possibly refunded")
public class Payment {

    private final String id;
    private final String orderId;
    private final String userId;
    private final String idempotencyKey;
    private final int amountMinor;
    private final String currency;
    private final int capturedMinor;
    private final int refundedMinor;
    private final PaymentStatus status;
    private final PaymentFailureCode failureCode;
    private final PaymentMethod method;
    private final String cardLast4;
    private final String providerReference;
    private final Instant createdAt;
    // MP GraphQL drops @NonNull from getters without a field of the same name
    private final Money amount;
    private final Money capturedAmount;
    private final Money refundedAmount;

    private Order order;
    private Supplier<List<PaymentTransaction>> transactions = List::of;

    public Payment(String id, String orderId, String userId, String idempotencyKey, int amountMinor, String currency,
                   int capturedMinor, int refundedMinor, PaymentStatus status, PaymentFailureCode failureCode,
                   PaymentMethod method, String cardLast4, String providerReference, Instant createdAt) {
        this.id = id;
        this.orderId = orderId;
        this.userId = userId;
        this.idempotencyKey = idempotencyKey;
        this.amountMinor = amountMinor;
        this.currency = currency;
        this.capturedMinor = capturedMinor;
        this.refundedMinor = refundedMinor;
        this.status = status;
        this.failureCode = failureCode;
        this.method = method;
        this.cardLast4 = cardLast4;
        this.providerReference = providerReference;
        this.createdAt = createdAt;
        this.amount = new Money(amountMinor, currency);
        this.capturedAmount = new Money(capturedMinor, currency);
        this.refundedAmount = new Money(refundedMinor, currency);
    }

    /**
     * This PENDING payment as it is once the provider's answer to its authorization is recorded
     * (what {@code recordAuthorization} wrote), without reading it back.
     *
     * @param newStatus  AUTHORIZED, DECLINED or FAILED
     * @param failure    why not authorized, or {@code null}
     * @param reference  the provider's authorization reference, or {@code null}
     * @return the payment as stored now (what it refers to is not attached): answer its id, status
     *         and failure from it
     */
    public Payment withAuthorizationRecorded(PaymentStatus newStatus, PaymentFailureCode failure, String reference) {
        return new Payment(id, orderId, userId, idempotencyKey, amountMinor, currency, capturedMinor, refundedMinor, newStatus,
                failure, method, cardLast4, reference, createdAt);
    }

    /**
     * A payment about to be authorized.
     *
     * @param request        what to authorize
     * @param idempotencyKey the caller's key for this authorization
     * @param now            creation time
     * @return a PENDING payment with a new id
     */
    public static Payment pending(AuthorizationRequest request, String idempotencyKey, Instant now) {
        return new Payment(newId(), request.orderId(), request.userId(), idempotencyKey, request.amount().getAmountMinor(),
                request.amount().getCurrency(), 0, 0, PaymentStatus.PENDING, null, request.method(),
                request.cardLast4(), null, now);
    }

    /** @return a new payment id; the {@code pay-} prefix is the team convention for payment ids */
    static String newId() {
        return "pay-" + UUID.randomUUID().toString().replace("-", "");
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    @Description("The order this payment pays for")
    public Order getOrder() {
        if (order == null) {
            throw new IllegalStateException("Payment " + id + " was loaded without its order");
        }
        return order;
    }

    @NonNull
    @Description("The authorized amount")
    public Money getAmount() {
        return amount;
    }

    @NonNull
    @Description("How much was captured (zero until shipment)")
    public Money getCapturedAmount() {
        return capturedAmount;
    }

    @NonNull
    @Description("How much of the captured amount was refunded")
    public Money getRefundedAmount() {
        return refundedAmount;
    }

    @NonNull
    public PaymentStatus getStatus() {
        return status;
    }

    @Description("Why the authorization did not succeed; null unless DECLINED or FAILED")
    public PaymentFailureCode getFailureCode() {
        return failureCode;
    }

    @NonNull
    public PaymentMethod getMethod() {
        return method;
    }

    @Description("Last four digits of the card")
    public String getCardLast4() {
        return cardLast4;
    }

    @NonNull
    @Description("When the payment was requested, ISO-8601 UTC")
    public String getCreatedAt() {
        return createdAt.toString();
    }

    @NonNull
    @Description("Provider transactions, oldest first")
    public List<@NonNull PaymentTransaction> getTransactions() {
        return transactions.get();
    }

    /**
     * Whether an authorization request with this payment's idempotency key asks for the same
     * payment; a different order, amount, method or card means the key was reused by mistake, and
     * so does another owner (a request that names none is a retry from an older caller).
     *
     * @param request repeated request
     * @return whether it matches what this payment was created for
     */
    public boolean isRequestedBy(AuthorizationRequest request) {
        return orderId.equals(request.orderId())
                && amountMinor == request.amount().getAmountMinor()
                && currency.equals(request.amount().getCurrency())
                && method == request.method()
                && java.util.Objects.equals(cardLast4, request.cardLast4())
                && (userId == null || request.userId() == null || userId.equals(request.userId()));
    }

    /** @return captured money not yet refunded, in minor units */
    public int refundableMinor() {
        return capturedMinor - refundedMinor;
    }

    public String orderId() {
        return orderId;
    }

    /** @return the account owning the order paid for, or {@code null} when the authorization did not say */
    public String userId() {
        return userId;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public int amountMinor() {
        return amountMinor;
    }

    public String currency() {
        return currency;
    }

    public int capturedMinor() {
        return capturedMinor;
    }

    public int refundedMinor() {
        return refundedMinor;
    }

    public String providerReference() {
        return providerReference;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /**
     * Place this payment under the order object it is served with, so
     * {@code payment { order { payments } } } reuses what was loaded.
     *
     * @param order the order
     */
    public void belongsTo(Order order) {
        this.order = order;
    }

    /**
     * Where the transactions come from: a loader shared by the payments loaded together.
     *
     * @param transactions supplier of this payment's transactions
     */
    public void transactionsFrom(Supplier<List<PaymentTransaction>> transactions) {
        this.transactions = transactions;
    }
}
