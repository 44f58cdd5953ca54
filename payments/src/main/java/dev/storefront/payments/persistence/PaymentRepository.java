package dev.storefront.payments.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.storefront.payments.domain.Order;
import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.domain.PaymentFailureCode;
import dev.storefront.payments.domain.PaymentMethod;
import dev.storefront.payments.domain.PaymentStatus;
import dev.storefront.payments.domain.PaymentTransaction;
import dev.storefront.payments.domain.TransactionKind;
import dev.storefront.payments.domain.TransactionStatus;
import dev.storefront.subgraph.database.Placeholders;
import dev.storefront.subgraph.database.SqlErrors;
import dev.storefront.subgraph.database.Transactions;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.types.Money;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Payments and their transactions. Loads answer a whole batch with one statement; what a loaded
 * payment refers to (its transactions, its order's other payments) is fetched on first use, for
 * the whole batch at once. Every status change is a conditional UPDATE that only matches the
 * status it starts from, in one database transaction with the transaction row it records, so
 * concurrent requests cannot both apply.
 */
@ApplicationScoped
public class PaymentRepository {

    private static final String COLUMNS = "id, order_id, user_id, idempotency_key, amount_minor, currency, captured_minor, "
            + "refunded_minor, status, failure_code, method, card_last4, provider_reference, created_at";

    private final DbClient db;

    @Inject
    public PaymentRepository(DbClient db) {
        this.db = db;
    }

    /**
     * Insert a new PENDING payment unless its idempotency key is taken. The unique key decides
     * between concurrent requests: exactly one insert succeeds.
     *
     * @param payment new payment
     * @return {@code true} if inserted, {@code false} if a payment with the key already exists
     */
    public boolean insertIfKeyIsNew(Payment payment) {
        try {
            db.execute().createNamedInsert("payment-insert", "INSERT INTO payments (" + COLUMNS + ", updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(payment.getId(), payment.orderId(), payment.userId(), payment.idempotencyKey(), payment.amountMinor(),
                            payment.currency(), payment.capturedMinor(), payment.refundedMinor(),
                            payment.getStatus().name(), nameOrNull(payment.getFailureCode()), payment.getMethod().name(),
                            payment.getCardLast4(), payment.providerReference(), UtcTimes.stored(payment.createdAt()),
                            UtcTimes.stored(payment.createdAt()))
                    .execute();
            return true;
        } catch (DbClientException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Payment> findById(String id) {
        Optional<Payment> payment = db.execute()
                .createNamedGet("payment-by-id", "SELECT " + COLUMNS + " FROM payments WHERE id = ?")
                .addParam(id)
                .execute()
                .map(PaymentRepository::toPayment);
        payment.ifPresent(p -> attachRelated(List.of(p), true));
        return payment;
    }

    /**
     * Give a payment built in memory what a loaded one refers to (its transactions, its order's
     * payments), read on first use as for a loaded one.
     *
     * @param payment the payment
     * @return the same payment
     */
    public Payment withRelated(Payment payment) {
        attachRelated(List.of(payment), true);
        return payment;
    }

    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        Optional<Payment> payment = db.execute()
                .createNamedGet("payment-by-idempotency-key",
                        "SELECT " + COLUMNS + " FROM payments WHERE idempotency_key = ?")
                .addParam(idempotencyKey)
                .execute()
                .map(PaymentRepository::toPayment);
        payment.ifPresent(p -> attachRelated(List.of(p), true));
        return payment;
    }

    /**
     * Payments still PENDING that were created before a time: authorizations whose answer was
     * lost, once that time is far enough back. Oldest first.
     *
     * @param createdBefore only payments created before this
     * @param limit         at most this many
     * @return the payments
     */
    public List<Payment> findPendingCreatedBefore(Instant createdBefore, int limit) {
        List<Payment> payments = db.execute()
                .createNamedQuery("payments-pending-created-before", "SELECT " + COLUMNS + " FROM payments "
                        + "WHERE status = ? AND created_at < ? ORDER BY created_at, seq LIMIT ?")
                .params(PaymentStatus.PENDING.name(), UtcTimes.stored(createdBefore), limit)
                .execute()
                .map(PaymentRepository::toPayment)
                .toList();
        attachRelated(payments, true);
        return payments;
    }

    /**
     * Payments by id, in one statement however many ids.
     *
     * @param ids ids (duplicates allowed)
     * @return found payments by id
     */
    public Map<String, Payment> findByIds(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        List<Payment> payments = db.execute()
                .createNamedQuery("payments-by-ids",
                        "SELECT " + COLUMNS + " FROM payments WHERE id IN (" + Placeholders.forEach(distinct) + ")")
                .params(List.copyOf(distinct))
                .execute()
                .map(PaymentRepository::toPayment)
                .toList();
        attachRelated(payments, true);
        return payments.stream().collect(Collectors.toMap(Payment::getId, Function.identity()));
    }

    /**
     * The payments of many orders, in one statement however many orders, oldest first.
     *
     * @param orderIds order ids (duplicates allowed)
     * @return each order's payments; orders without payments are absent
     */
    public Map<String, List<Payment>> findByOrderIds(Collection<String> orderIds) {
        List<String> distinct = orderIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        List<Payment> payments = db.execute()
                .createNamedQuery("payments-by-order-ids", "SELECT " + COLUMNS + " FROM payments WHERE order_id IN ("
                        + Placeholders.forEach(distinct) + ") ORDER BY order_id, seq")
                .params(List.copyOf(distinct))
                .execute()
                .map(PaymentRepository::toPayment)
                .toList();
        attachRelated(payments, false);
        Map<String, List<Payment>> byOrder = new LinkedHashMap<>();
        payments.forEach(p -> byOrder.computeIfAbsent(p.orderId(), k -> new ArrayList<>()).add(p));
        byOrder.forEach((orderId, ofOrder) -> Order.withPayments(orderId, ofOrder));
        return byOrder;
    }

    /**
     * Transactions of many payments, in one statement, oldest first.
     *
     * @param paymentIds payment ids
     * @return each payment's transactions; payments without any are absent
     */
    public Map<String, List<PaymentTransaction>> transactionsOf(Collection<String> paymentIds) {
        List<String> distinct = paymentIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        Map<String, List<PaymentTransaction>> byPayment = new LinkedHashMap<>();
        db.execute()
                .createNamedQuery("payment-transactions-by-payment-ids",
                        "SELECT payment_id, kind, amount_minor, currency, status, created_at FROM payment_transactions "
                                + "WHERE payment_id IN (" + Placeholders.forEach(distinct) + ") ORDER BY payment_id, id")
                .params(List.copyOf(distinct))
                .execute()
                .forEach(row -> byPayment.computeIfAbsent(row.column("payment_id").get(String.class),
                        k -> new ArrayList<>()).add(toTransaction(row)));
        return byPayment;
    }

    /**
     * Record the provider's answer to a PENDING payment's authorization, once: only the first
     * caller finds it PENDING.
     *
     * @param paymentId  payment
     * @param status     AUTHORIZED, DECLINED or FAILED
     * @param failure    why not authorized, or {@code null}
     * @param reference  the provider's authorization reference, or {@code null}
     * @param at         when the provider answered
     * @return whether this call recorded it
     */
    public boolean recordAuthorization(String paymentId, PaymentStatus status, PaymentFailureCode failure,
                                       String reference, Instant at) {
        TransactionStatus transactionStatus = switch (status) {
            case AUTHORIZED -> TransactionStatus.SUCCEEDED;
            case DECLINED -> TransactionStatus.DECLINED;
            default -> TransactionStatus.FAILED;
        };
        return Transactions.inTransaction(db, tx -> {
            long claimed = tx.createNamedUpdate("payment-record-authorization",
                            "UPDATE payments SET status = ?, failure_code = ?, provider_reference = ?, updated_at = ? "
                                    + "WHERE id = ? AND status = ?")
                    .params(status.name(), nameOrNull(failure), reference, UtcTimes.stored(at), paymentId, PaymentStatus.PENDING.name())
                    .execute();
            if (claimed == 0) {
                return false;
            }
            insertTransactionFromPayment(tx, paymentId, TransactionKind.AUTHORIZE, "amount_minor", transactionStatus, at);
            return true;
        });
    }

    /**
     * Capture an AUTHORIZED payment's full amount: claim it, call the provider, record.
     *
     * @param paymentId  payment
     * @param at         when
     * @param atProvider the provider call, made while the payment row is locked; if it throws,
     *                   nothing is recorded
     * @return whether the payment was AUTHORIZED and is now CAPTURED
     */
    public boolean capture(String paymentId, Instant at, Runnable atProvider) {
        return Transactions.inTransaction(db, tx -> {
            long claimed = tx.createNamedUpdate("payment-capture",
                            "UPDATE payments SET status = ?, captured_minor = amount_minor, updated_at = ? "
                                    + "WHERE id = ? AND status = ?")
                    .params(PaymentStatus.CAPTURED.name(), UtcTimes.stored(at), paymentId, PaymentStatus.AUTHORIZED.name())
                    .execute();
            if (claimed == 0) {
                return false;
            }
            insertTransactionFromPayment(tx, paymentId, TransactionKind.CAPTURE, "captured_minor",
                    TransactionStatus.SUCCEEDED, at);
            atProvider.run();
            return true;
        });
    }

    /**
     * Void an AUTHORIZED payment: claim it, call the provider, record.
     *
     * @param paymentId  payment
     * @param at         when
     * @param atProvider the provider call; if it throws, nothing is recorded
     * @return whether the payment was AUTHORIZED and is now VOIDED
     */
    public boolean voidAuthorization(String paymentId, Instant at, Runnable atProvider) {
        return Transactions.inTransaction(db, tx -> {
            long claimed = tx.createNamedUpdate("payment-void",
                            "UPDATE payments SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
                    .params(PaymentStatus.VOIDED.name(), UtcTimes.stored(at), paymentId, PaymentStatus.AUTHORIZED.name())
                    .execute();
            if (claimed == 0) {
                return false;
            }
            insertTransactionFromPayment(tx, paymentId, TransactionKind.VOID, "amount_minor",
                    TransactionStatus.SUCCEEDED, at);
            atProvider.run();
            return true;
        });
    }

    /**
     * Refund part or all of what remains captured. The UPDATE only matches while the payment is
     * refundable, in that currency, and the new refunded total stays within the captured amount;
     * the row lock it takes serializes concurrent refunds.
     *
     * @param paymentId   payment
     * @param amountMinor amount to refund, positive
     * @param currency    its currency
     * @param refundKey   the caller's key for this refund, or {@code null}
     * @param at          when
     * @param atProvider  the provider call; if it throws, nothing is recorded
     * @return what happened
     */
    public RefundRecording refund(String paymentId, int amountMinor, String currency, String refundKey, Instant at,
                                  Runnable atProvider) {
        try {
            return Transactions.inTransaction(db, tx -> refundOnce(tx, paymentId, amountMinor, currency, refundKey, at,
                    atProvider));
        } catch (DuplicateRefundKey e) {
            // rolled back: the refund with this key was recorded before (or concurrently)
            return RefundRecording.DUPLICATE_KEY;
        }
    }

    private RefundRecording refundOnce(DbTransaction tx, String paymentId, int amountMinor, String currency, String refundKey,
                                       Instant at, Runnable atProvider) {
        // status is assigned before refunded_minor: MySQL evaluates SET left to right, so it
        // must still see the old refunded total (MariaDB gives the same result either way)
        long claimed = tx.createNamedUpdate("payment-refund",
                        "UPDATE payments SET "
                                + "status = CASE WHEN refunded_minor + ? = captured_minor THEN ? ELSE ? END, "
                                + "refunded_minor = refunded_minor + ?, updated_at = ? "
                                + "WHERE id = ? AND currency = ? AND status IN (?, ?) AND refunded_minor + ? <= captured_minor")
                .params(amountMinor, PaymentStatus.REFUNDED.name(), PaymentStatus.PARTIALLY_REFUNDED.name(),
                        amountMinor, UtcTimes.stored(at), paymentId, currency,
                        PaymentStatus.CAPTURED.name(), PaymentStatus.PARTIALLY_REFUNDED.name(), amountMinor)
                .execute();
        if (claimed == 0) {
            return RefundRecording.NOT_REFUNDABLE;
        }
        try {
            tx.createNamedInsert("payment-transaction-insert",
                            "INSERT INTO payment_transactions (payment_id, kind, amount_minor, currency, status, "
                                    + "idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(paymentId, TransactionKind.REFUND.name(), amountMinor, currency,
                            TransactionStatus.SUCCEEDED.name(), refundKey, UtcTimes.stored(at))
                    .execute();
        } catch (DbClientException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new DuplicateRefundKey();
            }
            throw e;
        }
        atProvider.run();
        return RefundRecording.REFUNDED;
    }

    /**
     * Whether a refund with this key was already recorded for the payment.
     *
     * @param paymentId payment
     * @param refundKey the caller's refund key
     * @return whether it exists
     */
    public boolean hasRefund(String paymentId, String refundKey) {
        return db.execute()
                .createNamedGet("payment-refund-by-key",
                        "SELECT COUNT(*) AS refunds FROM payment_transactions WHERE payment_id = ? AND idempotency_key = ?")
                .params(paymentId, refundKey)
                .execute()
                .map(row -> row.column("refunds").get(Long.class) > 0)
                .orElse(false);
    }

    /** Outcome of {@link #refund}. */
    public enum RefundRecording {
        REFUNDED,
        /** Nothing changed: not refundable in that currency, or the amount exceeds what remains. */
        NOT_REFUNDABLE,
        /** Nothing changed: a refund with this key was recorded before. */
        DUPLICATE_KEY
    }

    private static void insertTransactionFromPayment(DbExecute tx, String paymentId, TransactionKind kind,
                                                     String amountColumn, TransactionStatus status, Instant at) {
        tx.createNamedInsert("payment-transaction-insert-" + kind.name().toLowerCase(java.util.Locale.ROOT),
                        "INSERT INTO payment_transactions (payment_id, kind, amount_minor, currency, status, created_at) "
                                + "SELECT id, ?, " + amountColumn + ", currency, ?, ? FROM payments WHERE id = ?")
                .params(kind.name(), status.name(), UtcTimes.stored(at), paymentId)
                .execute();
    }

    /**
     * Give loaded payments what they refer to: their transactions, loaded for all of them in one
     * statement on first use, and (unless the caller places them under their orders) their
     * orders, whose payments load the same way.
     */
    private void attachRelated(List<Payment> payments, boolean withOrders) {
        if (payments.isEmpty()) {
            return;
        }
        List<String> ids = payments.stream().map(Payment::getId).toList();
        Memoized<Map<String, List<PaymentTransaction>>> transactions = new Memoized<>(() -> transactionsOf(ids));
        payments.forEach(p -> p.transactionsFrom(() -> transactions.get().getOrDefault(p.getId(), List.of())));
        if (withOrders) {
            List<String> orderIds = payments.stream().map(Payment::orderId).distinct().toList();
            Memoized<Map<String, List<Payment>>> ofOrders = new Memoized<>(() -> findByOrderIds(orderIds));
            Map<String, Order> orders = new LinkedHashMap<>();
            orderIds.forEach(orderId -> orders.put(orderId,
                    Order.loadingPayments(orderId, () -> ofOrders.get().getOrDefault(orderId, List.of()))));
            payments.forEach(p -> p.belongsTo(orders.get(p.orderId())));
        }
    }

    /** Signals, inside a transaction, that its refund key was taken: roll back. */
    private static final class DuplicateRefundKey extends RuntimeException {
        DuplicateRefundKey() {
            super(null, null, false, false);
        }
    }

    private static String nameOrNull(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Payment toPayment(DbRow row) {
        String failure = row.column("failure_code").get(String.class);
        return new Payment(
                row.column("id").get(String.class),
                row.column("order_id").get(String.class),
                row.column("user_id").get(String.class),
                row.column("idempotency_key").get(String.class),
                row.column("amount_minor").get(Integer.class),
                row.column("currency").get(String.class),
                row.column("captured_minor").get(Integer.class),
                row.column("refunded_minor").get(Integer.class),
                PaymentStatus.valueOf(row.column("status").get(String.class)),
                failure == null ? null : PaymentFailureCode.valueOf(failure),
                PaymentMethod.valueOf(row.column("method").get(String.class)),
                row.column("card_last4").get(String.class),
                row.column("provider_reference").get(String.class),
                UtcTimes.instant(row, "created_at"));
    }

    private static PaymentTransaction toTransaction(DbRow row) {
        return new PaymentTransaction(
                TransactionKind.valueOf(row.column("kind").get(String.class)),
                new Money(row.column("amount_minor").get(Integer.class), row.column("currency").get(String.class)),
                TransactionStatus.valueOf(row.column("status").get(String.class)),
                UtcTimes.instant(row, "created_at"));
    }
}
