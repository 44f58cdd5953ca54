package dev.storefront.orders.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.storefront.orders.client.AuthorizationOutcome;
import dev.storefront.orders.client.DeadlineExceededException;
import dev.storefront.orders.client.PaymentsClient;
import dev.storefront.orders.client.ProductSnapshot;
import dev.storefront.orders.client.ProductsClient;
import dev.storefront.orders.client.Remote;
import dev.storefront.orders.client.RemoteServiceException;
import dev.storefront.orders.client.ReservationOutcome;
import dev.storefront.orders.client.UnexpectedResponseException;
import dev.storefront.orders.client.UsersClient;
import dev.storefront.orders.domain.CheckoutRequest;
import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderItem;
import dev.storefront.orders.domain.OrderOutcome;
import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.orders.domain.OrderStatusChange;
import dev.storefront.orders.domain.Product;
import dev.storefront.orders.domain.ShippingAddress;
import dev.storefront.orders.persistence.NewOrder;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.orders.persistence.StatusChange;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.deadline.Deadline;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.subgraph.types.Money;
import dev.storefront.subgraph.types.UserError;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Places an order: prices from products, the order recorded PENDING (its idempotency key unique in
 * the database), stock reserved in products, the payment authorized in payments, then PAID. A step
 * that fails ends the order in a final status with the reason and undoes what the earlier steps
 * did. The order row is written before any remote effect, and each status change carries whether
 * remote work may be unfinished ({@code recovery_due_at}), so a crash at any point leaves an
 * order {@link CheckoutRecovery} can finish or undo. A shipping address, when asked for, is copied
 * from the users service before the order is recorded, and recorded with it.
 */
@ApplicationScoped
public class CheckoutSaga {

    static final int MAX_LINES = 50;
    static final int MAX_QUANTITY = 1000;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern CARD_NUMBER = Pattern.compile("[0-9]{12,19}");
    private static final String ID_PREFIX = "order-";
    private static final long POLL_MS = 50;
    private static final System.Logger LOGGER = System.getLogger(CheckoutSaga.class.getName());

    private final OrderRepository orders;
    private final ProductsClient products;
    private final PaymentsClient payments;
    private final UsersClient users;
    private final Compensation compensation;
    private final long recoveryDeadlineSeconds;
    private final long compensationDelaySeconds;
    private final long duplicateWaitMs;
    private final long deadlineReserveMs;

    @Inject
    public CheckoutSaga(OrderRepository orders, ProductsClient products, PaymentsClient payments, UsersClient users,
                        Compensation compensation,
                        @ConfigProperty(name = "orders.recovery.deadline-seconds", defaultValue = "120") long recoveryDeadlineSeconds,
                        @ConfigProperty(name = "orders.recovery.compensation-delay-seconds", defaultValue = "5")
                        long compensationDelaySeconds,
                        @ConfigProperty(name = "orders.checkout.duplicate-wait-ms", defaultValue = "15000") long duplicateWaitMs,
                        @ConfigProperty(name = "orders.deadline.reserve-ms", defaultValue = "500") long deadlineReserveMs) {
        this.orders = orders;
        this.products = products;
        this.payments = payments;
        this.users = users;
        this.compensation = compensation;
        this.recoveryDeadlineSeconds = recoveryDeadlineSeconds;
        this.compensationDelaySeconds = compensationDelaySeconds;
        this.duplicateWaitMs = duplicateWaitMs;
        this.deadlineReserveMs = deadlineReserveMs;
    }

    /**
     * Run a checkout, or answer the outcome of the one already run with the same idempotency key.
     *
     * @param request what to buy
     * @return the order and any business failure
     */
    public OrderOutcome placeOrder(CheckoutRequest request) {
        List<UserError> invalid = validate(request);
        if (!invalid.isEmpty()) {
            return OrderOutcome.failed(invalid);
        }
        // the saga works within the caller's deadline less the time kept to record the outcome and
        // answer: the caller (the gateway) hears how the checkout ended before it stops waiting
        Deadline.current().keepingBack(deadlineReserveMs).makeCurrent();
        String requestHash = hash(request);
        // the price lookup is a read with no effect anywhere: started before the idempotency key is
        // looked up, it runs while that query does (one round trip less per checkout), and a request
        // that turns out to be a repeat answers its first outcome without waiting for it
        CompletionStage<Map<String, ProductSnapshot>> lookup = started(() ->
                products.lookup(request.lines().stream().map(CheckoutRequest.Line::productId).toList()));
        Optional<OrderOutcome> replay = replay(request, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }

        ShippingAddress shippingAddress = null;
        if (request.shippingAddressId() != null) {
            // copied now, before anything is recorded: the order keeps this copy whatever the account does later
            try {
                Optional<ShippingAddress> found = Remote.await(UsersClient.SERVICE_NAME,
                        users.address(request.userId(), request.shippingAddressId()));
                if (found.isEmpty()) {
                    return OrderOutcome.failed(List.of(new UserError("ADDRESS_NOT_FOUND", "No address "
                            + request.shippingAddressId() + " on this account", "input", "shippingAddressId")));
                }
                shippingAddress = found.get();
            } catch (RemoteServiceException | UnexpectedResponseException e) {
                return OrderOutcome.failed(List.of(unavailable(e)));
            }
        }

        Map<String, ProductSnapshot> current;
        try {
            current = Remote.await(ProductsClient.SERVICE_NAME, lookup);
        } catch (RemoteServiceException | UnexpectedResponseException e) {
            return OrderOutcome.failed(List.of(unavailable(e)));
        }
        List<UserError> priceErrors = new ArrayList<>();
        List<OrderItem> items = price(request, current, priceErrors);
        if (!priceErrors.isEmpty()) {
            return OrderOutcome.failed(priceErrors);
        }
        int totalMinor;
        try {
            totalMinor = items.stream().mapToInt(item -> item.getLineTotal().getAmountMinor()).reduce(0, Math::addExact);
        } catch (ArithmeticException e) {
            return OrderOutcome.failed(List.of(new UserError("TOTAL_TOO_LARGE", "The order total is too large", request.linesField())));
        }
        Money total = new Money(totalMinor, items.get(0).getUnitPrice().getCurrency());

        if (Deadline.current().remainingMillis() < 2 * Remote.minCallMillis()) {
            // no time for a reservation and an authorization: stop before anything is recorded or held
            return OrderOutcome.failed(List.of(new UserError("SERVICE_UNAVAILABLE", "The request's deadline leaves no time "
                    + "to reserve stock and authorize the payment; nothing was ordered, try again")));
        }
        String orderId = ID_PREFIX + UUID.randomUUID().toString().replace("-", "");
        LocalDateTime now = UtcTimes.now();
        NewOrder pending = new NewOrder(orderId, request.userId(), request.idempotencyKey(), requestHash,
                items, total.getAmountMinor(), total.getCurrency(), now, now.plusSeconds(recoveryDeadlineSeconds),
                shippingAddress, request.cartId());
        boolean inserted = orders.insertPending(pending);
        if (!inserted) {
            // a concurrent request with the same key won the insert: answer its outcome
            return replay(request, requestHash).orElseThrow(() -> new IllegalStateException(
                    "Idempotency key " + request.idempotencyKey() + " is taken but its order is gone"));
        }
        return drive(pending, request.cardNumber());
    }

    private OrderOutcome drive(NewOrder pending, String cardNumber) {
        String orderId = pending.id();
        String userId = pending.userId();
        List<OrderItem> items = pending.items();
        Money total = new Money(pending.totalMinor(), pending.currency());
        ReservationOutcome reservation;
        try {
            reservation = Remote.await(ProductsClient.SERVICE_NAME, products.reserve(orderId, items));
        } catch (RemoteServiceException | UnexpectedResponseException e) {
            // the reservation may have happened with its answer lost: release it (now or by recovery)
            return fail(orderId, OrderStatus.CANCELLED, "SERVICE_UNAVAILABLE",
                    "Stock could not be reserved: " + e.getMessage(), true);
        }
        switch (reservation) {
            case ReservationOutcome.OutOfStock out -> {
                return fail(orderId, OrderStatus.CANCELLED, "OUT_OF_STOCK", out.message(), false);
            }
            case ReservationOutcome.Refused refused -> {
                return fail(orderId, OrderStatus.CANCELLED, refusedCode(refused.code()), refused.message(), false);
            }
            case ReservationOutcome.Reserved reserved -> {
                // go on
            }
        }

        AuthorizationOutcome authorization;
        try {
            authorization = Remote.await(PaymentsClient.SERVICE_NAME, payments.authorize(orderId, orderId, userId, total, cardNumber));
        } catch (DeadlineExceededException e) {
            // payments may still be at the card provider, or have authorized with the answer on its
            // way: guessing either way could cancel a paid order or keep an unpaid one. The order
            // stays PENDING and recovery settles it from what payments recorded (PAID, or
            // PAYMENT_FAILED / CANCELLED with the stock released); the same idempotency key then
            // answers that order.
            return unfinished(orderId, e);
        } catch (RemoteServiceException | UnexpectedResponseException e) {
            // an authorization may exist with its answer lost: release the stock, void any hold (now or by recovery)
            return fail(orderId, OrderStatus.CANCELLED, "SERVICE_UNAVAILABLE",
                    "Payment could not be authorized: " + e.getMessage() + "; the reserved stock is released", true);
        }
        return switch (authorization) {
            case AuthorizationOutcome.Authorized authorized -> confirm(pending, authorized.paymentId());
            // payments says what happened in the shopper's words ("The card was declined ...", "The card
            // provider did not answer in time; ..."): passed on as it is
            case AuthorizationOutcome.Declined declined -> fail(orderId, OrderStatus.PAYMENT_FAILED, declined.code(),
                    declined.message(), true);
            case AuthorizationOutcome.ProviderTimeout timeout -> fail(orderId, OrderStatus.PAYMENT_FAILED,
                    "PAYMENT_PROVIDER_TIMEOUT", timeout.message(), true);
            case AuthorizationOutcome.Refused refused -> fail(orderId, OrderStatus.PAYMENT_FAILED, "PAYMENT_REJECTED",
                    "Payment refused: " + refused.code() + " " + refused.message(), true);
        };
    }

    /** The deadline came before the payment's answer: recovery finishes the order soon, from payments' records. */
    private OrderOutcome unfinished(String orderId, DeadlineExceededException cause) {
        orders.scheduleRecovery(orderId, UtcTimes.now().plusSeconds(compensationDelaySeconds));
        LOGGER.log(System.Logger.Level.INFO, "Checkout " + orderId + " left to recovery: " + cause.getMessage());
        Order order = orders.findById(orderId).orElseThrow();
        if (order.status() != OrderStatus.PENDING) {
            return outcomeOf(order); // recovery (or a cancellation) already ended it
        }
        return OrderOutcome.failed(order, new UserError("CHECKOUT_IN_PROGRESS", "The payment was not confirmed within "
                + "the request's deadline; the order is being finished (paid if the payment went through, otherwise "
                + "nothing is charged). Ask again with the same idempotency key for the outcome"));
    }

    private OrderOutcome confirm(NewOrder pending, String paymentId) {
        String orderId = pending.id();
        StatusChange toPaid = StatusChange.of(orderId, OrderStatus.PENDING, OrderStatus.PAID,
                "Payment " + paymentId + " authorized").withPaymentId(paymentId);
        // (only an order placed from a cart has cart lines to take out; this run knows whether it was)
        if (orders.apply(toPaid, pending.cartId() != null)) {
            // this move made it PAID: answered as written, which is what a later read finds
            // (CheckoutSagaTest.thePaidOrderAnsweredIsTheOrderStored), one statement less
            return OrderOutcome.of(orders.paid(pending, paymentId));
        }
        Order order = orders.findById(orderId).orElseThrow();
        if (order.status() == OrderStatus.PAID) {
            // recovery confirmed it with the same authorization first
            return OrderOutcome.of(order);
        }
        // cancelled meanwhile (by a user or by recovery): this authorization must not stay
        if (!compensation.undoAll(orderId)) {
            orders.scheduleRecovery(orderId, UtcTimes.now().plusSeconds(compensationDelaySeconds));
        }
        return OrderOutcome.failed(orders.findById(orderId).orElseThrow(), new UserError("CHECKOUT_ABORTED",
                "The order was " + order.status() + " while its payment was being authorized; nothing is charged"));
    }

    /**
     * End a checkout that cannot go on: record the final status, then undo the remote effects. The
     * status is written first with a recovery deadline, so an undo that fails or is cut short by a
     * crash is retried by recovery.
     */
    private OrderOutcome fail(String orderId, OrderStatus status, String code, String reason, boolean undo) {
        LocalDateTime now = UtcTimes.now();
        boolean moved = orders.apply(StatusChange.of(orderId, OrderStatus.PENDING, status, reason)
                .withFailureCode(code)
                .withRecoveryDueAt(undo ? now.plusSeconds(compensationDelaySeconds) : null));
        if (undo && compensation.undoAll(orderId) && moved) {
            orders.scheduleRecovery(orderId, null);
        }
        Order order = orders.findById(orderId).orElseThrow();
        return OrderOutcome.failed(order, new UserError(code, reason));
    }

    private Optional<OrderOutcome> replay(CheckoutRequest request, String requestHash) {
        Optional<OrderRepository.KeyedOrder> existing = orders.findByIdempotencyKey(request.userId(), request.idempotencyKey());
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        if (!requestHash.equals(existing.get().requestHash())) {
            return Optional.of(OrderOutcome.failed(List.of(new UserError("IDEMPOTENCY_KEY_REUSED",
                    "Idempotency key " + request.idempotencyKey() + " was used for a different order",
                    "input", "idempotencyKey"))));
        }
        return Optional.of(awaitOutcome(existing.get().order()));
    }

    /**
     * The outcome of an order placed earlier with an idempotency key, as a repeated request answers
     * it (the cart checkout's repeat, whose cart has changed since): when its first request is
     * still running, after waiting for it (no longer than {@code orders.checkout.duplicate-wait-ms}
     * and this request's deadline less the reserve).
     *
     * @param order the order as last read
     * @return its outcome, the same every time it is asked once it is final
     */
    public OrderOutcome outcomeOfRepeat(Order order) {
        Deadline.current().keepingBack(deadlineReserveMs).makeCurrent();
        return awaitOutcome(order);
    }

    private OrderOutcome awaitOutcome(Order order) {
        long deadline = System.currentTimeMillis() + Deadline.current().bound(duplicateWaitMs);
        // the first request with this key may still be running: answer its outcome, not a snapshot mid-way
        while (order.status() == OrderStatus.PENDING && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            order = orders.findById(order.getId()).orElse(order);
        }
        return outcomeOf(order);
    }

    /** @return the outcome a finished (or still running) checkout reports, the same every time it is asked */
    static OrderOutcome outcomeOf(Order order) {
        if (order.status() == OrderStatus.PENDING) {
            return OrderOutcome.failed(order, new UserError("CHECKOUT_IN_PROGRESS",
                    "The order is still being placed; ask again with the same idempotency key"));
        }
        if (order.failureCode() != null && (order.status() == OrderStatus.CANCELLED
                || order.status() == OrderStatus.PAYMENT_FAILED)) {
            List<OrderStatusChange> history = order.getStatusHistory();
            String reason = history.isEmpty() ? order.status().name() : history.get(history.size() - 1).getReason();
            return OrderOutcome.failed(order, new UserError(order.failureCode(), reason));
        }
        return OrderOutcome.of(order);
    }

    /** A call started now, whose failure to start (should fault tolerance refuse it at once) shows when it is awaited. */
    private static <T> CompletionStage<T> started(Supplier<CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static List<OrderItem> price(CheckoutRequest request, Map<String, ProductSnapshot> current, List<UserError> errors) {
        List<OrderItem> items = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < request.lines().size(); i++) {
            CheckoutRequest.Line line = request.lines().get(i);
            ProductSnapshot product = current.get(line.productId());
            if (product == null) {
                errors.add(new UserError("PRODUCT_NOT_FOUND", "No product " + line.productId(), request.lineField(i, "productId")));
                continue;
            }
            if (currency == null) {
                currency = product.price().getCurrency();
            } else if (!currency.equals(product.price().getCurrency())) {
                errors.add(new UserError("CURRENCY_MISMATCH", product.id() + " is priced in " + product.price().getCurrency()
                        + ", other items in " + currency + "; order them separately", request.lineField(i, "productId")));
            }
            if (line.expectedUnitPriceMinor() != null
                    && line.expectedUnitPriceMinor() != product.price().getAmountMinor()) {
                errors.add(new UserError("PRICE_CHANGED", "The price of " + product.id() + " is now "
                        + product.price().getAmountMinor() + " " + product.price().getCurrency() + ", not "
                        + line.expectedUnitPriceMinor(), request.lineField(i, "expectedUnitPriceMinor")));
            }
            if (product.stock() < line.quantity()) {
                // advisory only (the reservation decides), but spares an order that cannot succeed
                errors.add(new UserError("OUT_OF_STOCK", "Only " + product.stock() + " of " + product.id() + " in stock, "
                        + line.quantity() + " requested", request.lineField(i, "quantity")));
            }
            try {
                items.add(new OrderItem(product.id(), line.quantity(), product.price()));
            } catch (ArithmeticException e) {
                errors.add(new UserError("TOTAL_TOO_LARGE", "The line total is too large", request.lineField(i, "quantity")));
            }
        }
        return items;
    }

    private static List<UserError> validate(CheckoutRequest request) {
        List<UserError> errors = new ArrayList<>();
        if (!Ids.isValid(request.userId())) {
            // the buyer is the token's subject, which the users service issues: never expected, but never stored unchecked
            errors.add(new UserError("INVALID_ID", "The signed-in account's id is not valid: '" + request.userId() + "'"));
        }
        if (!isValidIdempotencyKey(request.idempotencyKey())) {
            errors.add(new UserError("INVALID_IDEMPOTENCY_KEY", "Idempotency key must be 1-128 letters, digits or '_.:-'",
                    "input", "idempotencyKey"));
        }
        if (request.shippingAddressId() != null && !Ids.isValid(request.shippingAddressId())) {
            errors.add(new UserError("INVALID_ID", "Shipping address id is not valid: '" + request.shippingAddressId() + "'",
                    "input", "shippingAddressId"));
        }
        if (request.cardNumber() == null || !CARD_NUMBER.matcher(request.cardNumber()).matches()) {
            errors.add(new UserError("INVALID_CARD_NUMBER", "Card number must be 12-19 digits",
                    "input", "paymentMethod", "cardNumber"));
        }
        if (request.lines() == null || request.lines().isEmpty() || request.lines().size() > MAX_LINES) {
            errors.add(new UserError("INVALID_ITEMS", "An order has 1-" + MAX_LINES + " items", request.linesField()));
            return errors;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            CheckoutRequest.Line line = request.lines().get(i);
            if (!Ids.isValid(line.productId())) {
                errors.add(new UserError("INVALID_ID", "Product id is not valid: '" + line.productId() + "'",
                        request.lineField(i, "productId")));
            } else if (!seen.add(line.productId())) {
                errors.add(new UserError("DUPLICATE_ITEM", line.productId() + " appears twice; order it once with the total quantity",
                        request.lineField(i, "productId")));
            }
            if (line.quantity() == null || line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                errors.add(new UserError("INVALID_QUANTITY", "Quantity must be 1-" + MAX_QUANTITY + ", was " + line.quantity(),
                        request.lineField(i, "quantity")));
            }
            if (line.expectedUnitPriceMinor() != null && line.expectedUnitPriceMinor() < 0) {
                errors.add(new UserError("INVALID_PRICE", "Expected unit price must not be negative",
                        request.lineField(i, "expectedUnitPriceMinor")));
            }
        }
        return errors;
    }

    /** @return whether a client's idempotency key has the accepted form (1-128 letters, digits or '_.:-') */
    public static boolean isValidIdempotencyKey(String key) {
        return key != null && IDEMPOTENCY_KEY.matcher(key).matches();
    }

    private static String refusedCode(String productsCode) {
        return "UNKNOWN_PRODUCT".equals(productsCode) ? "PRODUCT_NOT_FOUND" : "RESERVATION_REFUSED";
    }

    private static UserError unavailable(RuntimeException e) {
        return new UserError("SERVICE_UNAVAILABLE", e.getMessage() + "; nothing was ordered, try again later");
    }

    /** Hash of who orders what, so a key reused for another order is told apart from a retry (the card is left out). */
    private static String hash(CheckoutRequest request) {
        StringBuilder canonical = new StringBuilder(request.userId());
        for (CheckoutRequest.Line line : request.lines()) {
            canonical.append('\n').append(line.productId()).append('*').append(line.quantity())
                    .append('@').append(line.expectedUnitPriceMinor());
        }
        if (request.shippingAddressId() != null) {
            // (appended only when given: requests without an address hash as they always did)
            canonical.append("\nship-to:").append(request.shippingAddressId());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
