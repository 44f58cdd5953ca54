package dev.storefront.orders.persistence;

import dev.storefront.orders.domain.ShippingAddress;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** The {@code order_shipping_addresses} table: one address copy per order that was placed with one. */
final class OrderShippingAddresses {

    private OrderShippingAddresses() {
    }

    static void insert(DbExecute tx, String orderId, ShippingAddress address) {
        tx.createNamedInsert("order-shipping-address-insert", "INSERT INTO order_shipping_addresses (order_id, recipient,"
                        + " line1, line2, city, postal_code, country, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orderId, address.getRecipient(), address.getLine1(), address.getLine2(), address.getCity(),
                        address.getPostalCode(), address.getCountry(), address.getPhone())
                .execute();
    }

    static ShippingAddress fromRow(DbRow row) {
        return new ShippingAddress(row.column("recipient").get(String.class), row.column("line1").get(String.class),
                row.column("line2").get(String.class), row.column("city").get(String.class),
                row.column("postal_code").get(String.class), row.column("country").get(String.class),
                row.column("phone").get(String.class));
    }
}
