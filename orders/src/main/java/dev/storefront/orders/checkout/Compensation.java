package dev.storefront.orders.checkout;

import java.lang.System.Logger.Level;
import java.util.List;

import dev.storefront.orders.client.PaymentSummary;
import dev.storefront.orders.client.PaymentsClient;
import dev.storefront.orders.client.ProductsClient;
import dev.storefront.orders.client.Remote;
import dev.storefront.orders.client.RemoteServiceException;
import dev.storefront.orders.client.UnexpectedResponseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Undoes the remote effects of an order that will not go ahead: gives its reserved stock back and
 * voids (or, once captured, refunds) its payments. Every step is idempotent on the other side, so
 * running it again after a partial failure or a crash is always safe.
 */
@ApplicationScoped
public class Compensation {

    private static final System.Logger LOGGER = System.getLogger(Compensation.class.getName());

    private final ProductsClient products;
    private final PaymentsClient payments;

    @Inject
    public Compensation(ProductsClient products, PaymentsClient payments) {
        this.products = products;
        this.payments = payments;
    }

    /**
     * Release the order's stock and void or refund its payments.
     *
     * @param orderId the order
     * @return whether everything is undone; {@code false} when a step failed and must be retried
     */
    public boolean undoAll(String orderId) {
        boolean released = releaseStock(orderId);
        return settlePayments(orderId) && released;
    }

    /**
     * Give the order's reserved stock back.
     *
     * @param orderId the order
     * @return whether it is released (or was never reserved)
     */
    public boolean releaseStock(String orderId) {
        try {
            Remote.await(ProductsClient.SERVICE_NAME, products.release(orderId));
            return true;
        } catch (RemoteServiceException | UnexpectedResponseException e) {
            LOGGER.log(Level.WARNING, "Could not release the stock of " + orderId + " yet: " + e.getMessage());
            return false;
        }
    }

    /**
     * Void every authorization of the order and refund what was captured.
     *
     * @param orderId the order
     * @return whether no money is held or taken for it any more
     */
    public boolean settlePayments(String orderId) {
        try {
            List<PaymentSummary> found = Remote.await(PaymentsClient.SERVICE_NAME, payments.paymentsOf(orderId));
            boolean settled = true;
            for (PaymentSummary payment : found) {
                String refusal = null;
                if (payment.isAuthorized()) {
                    refusal = Remote.await(PaymentsClient.SERVICE_NAME, payments.voidAuthorization(payment.paymentId()));
                } else if (payment.isCaptured()) {
                    refusal = Remote.await(PaymentsClient.SERVICE_NAME, payments.refund(payment.paymentId(),
                            payment.refundable()));
                } else if (payment.isInProgress()) {
                    // still at the card provider: it may yet be authorized, and must then be voided
                    refusal = "the authorization is still in progress at payments";
                }
                if (refusal != null) {
                    LOGGER.log(Level.WARNING, "Payment " + payment.paymentId() + " of " + orderId + " not settled: " + refusal);
                    settled = false;
                }
            }
            return settled;
        } catch (RemoteServiceException | UnexpectedResponseException e) {
            LOGGER.log(Level.WARNING, "Could not settle the payments of " + orderId + " yet: " + e.getMessage());
            return false;
        }
    }
}
