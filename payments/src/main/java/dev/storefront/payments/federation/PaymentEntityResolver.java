package dev.storefront.payments.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.persistence.PaymentRepository;
import dev.storefront.subgraph.federation.EntityResolver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code Payment} references, a whole batch in one query. No other subgraph references
 * {@code Payment}, so the gateway never calls this for client requests (payments reach clients
 * through {@code payment} and {@code Order.payments}); it answers direct subgraph calls, which is
 * why the subgraph's port must not be exposed to clients.
 */
@ApplicationScoped
class PaymentEntityResolver implements EntityResolver<Payment> {

    private final PaymentRepository payments;

    @Inject
    PaymentEntityResolver(PaymentRepository payments) {
        this.payments = payments;
    }

    @Override
    public String typeName() {
        return "Payment";
    }

    @Override
    public List<Payment> resolve(List<Map<String, Object>> representations) {
        return EntityResolver.resolveByIds(representations, payments::findByIds);
    }
}
