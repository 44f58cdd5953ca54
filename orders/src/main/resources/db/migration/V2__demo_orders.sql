-- Demo orders so a newcomer sees data at once; users, products and payments ids match the other
-- services' demo data (see the team conventions). Seeded orders carry no recovery deadline: the
-- recovery job leaves order-4 PENDING as the demo's example of an order awaiting payment.
INSERT INTO orders (id, user_id, status, total_minor, currency, tracking_number, payment_id, created_at, updated_at) VALUES
    ('order-1', 'user-1', 'PAID',      16997, 'EUR', NULL,           'pay-1', '2026-01-10 09:00:00.000', '2026-01-10 09:00:02.000'),
    ('order-2', 'user-1', 'SHIPPED',    4599, 'EUR', 'TRK-100002',   'pay-2', '2026-01-11 10:00:00.000', '2026-01-12 08:00:00.000'),
    ('order-3', 'user-2', 'DELIVERED', 21899, 'EUR', 'TRK-100003',   'pay-3', '2026-01-12 11:00:00.000', '2026-01-15 16:00:00.000'),
    ('order-4', 'user-3', 'PENDING',   34900, 'EUR', NULL,           NULL,    '2026-01-13 12:00:00.000', '2026-01-13 12:00:00.000'),
    ('order-5', 'user-4', 'CANCELLED', 10998, 'EUR', NULL,           'pay-5', '2026-01-14 13:00:00.000', '2026-01-14 18:00:00.000'),
    ('order-6', 'user-2', 'PAID',      10798, 'EUR', NULL,           'pay-6', '2026-01-15 14:00:00.000', '2026-01-15 14:00:02.000');

INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_minor, currency) VALUES
    ('order-1', 1, 'prod-01', 1, 12999, 'EUR'),
    ('order-1', 2, 'prod-02', 2,  1999, 'EUR'),
    ('order-2', 1, 'prod-05', 1,  4599, 'EUR'),
    ('order-3', 1, 'prod-03', 1, 18900, 'EUR'),
    ('order-3', 2, 'prod-04', 1,  2999, 'EUR'),
    ('order-4', 1, 'prod-07', 1, 34900, 'EUR'),
    ('order-5', 1, 'prod-09', 2,  5499, 'EUR'),
    ('order-6', 1, 'prod-06', 1,  8999, 'EUR'),
    ('order-6', 2, 'prod-10', 1,  1799, 'EUR');

INSERT INTO order_status_changes (order_id, status, reason, changed_at) VALUES
    ('order-1', 'PENDING',   'Order placed',                    '2026-01-10 09:00:00.000'),
    ('order-1', 'PAID',      'Payment pay-1 authorized',        '2026-01-10 09:00:02.000'),
    ('order-2', 'PENDING',   'Order placed',                    '2026-01-11 10:00:00.000'),
    ('order-2', 'PAID',      'Payment pay-2 authorized',        '2026-01-11 10:00:02.000'),
    ('order-2', 'SHIPPED',   'Shipped with tracking number TRK-100002', '2026-01-12 08:00:00.000'),
    ('order-3', 'PENDING',   'Order placed',                    '2026-01-12 11:00:00.000'),
    ('order-3', 'PAID',      'Payment pay-3 authorized',        '2026-01-12 11:00:02.000'),
    ('order-3', 'SHIPPED',   'Shipped with tracking number TRK-100003', '2026-01-13 09:00:00.000'),
    ('order-3', 'DELIVERED', 'Delivered',                       '2026-01-15 16:00:00.000'),
    ('order-4', 'PENDING',   'Order placed',                    '2026-01-13 12:00:00.000'),
    ('order-5', 'PENDING',   'Order placed',                    '2026-01-14 13:00:00.000'),
    ('order-5', 'PAID',      'Payment pay-5 authorized',        '2026-01-14 13:00:02.000'),
    ('order-5', 'CANCELLED', 'Customer changed their mind',     '2026-01-14 18:00:00.000'),
    ('order-6', 'PENDING',   'Order placed',                    '2026-01-15 14:00:00.000'),
    ('order-6', 'PAID',      'Payment pay-6 authorized',        '2026-01-15 14:00:02.000');
