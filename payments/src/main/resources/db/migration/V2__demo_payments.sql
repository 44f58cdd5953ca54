-- Demo payments matching the orders demo data (see CONVENTIONS): authorized at order time,
-- captured on shipment; order-4 is still PENDING and has no payment yet.
INSERT INTO payments (id, order_id, idempotency_key, amount_minor, currency, captured_minor, refunded_minor,
                      status, failure_code, method, card_last4, provider_reference, created_at, updated_at) VALUES
    ('pay-1', 'order-1', 'demo-order-1', 16997, 'EUR',     0, 0, 'AUTHORIZED', NULL, 'CARD', '4242', 'sim_auth_pay-1', '2026-01-10 09:00:01.000', '2026-01-10 09:00:01.000'),
    ('pay-2', 'order-2', 'demo-order-2',  4599, 'EUR',  4599, 0, 'CAPTURED',   NULL, 'CARD', '4242', 'sim_auth_pay-2', '2026-01-11 10:00:01.000', '2026-01-12 08:30:00.000'),
    ('pay-3', 'order-3', 'demo-order-3', 21899, 'EUR', 21899, 0, 'CAPTURED',   NULL, 'CARD', '4242', 'sim_auth_pay-3', '2026-01-12 11:00:01.000', '2026-01-13 15:00:00.000'),
    ('pay-5', 'order-5', 'demo-order-5', 10998, 'EUR',     0, 0, 'VOIDED',     NULL, 'CARD', '4242', 'sim_auth_pay-5', '2026-01-14 13:00:01.000', '2026-01-14 17:45:00.000'),
    ('pay-6', 'order-6', 'demo-order-6', 10798, 'EUR',     0, 0, 'AUTHORIZED', NULL, 'CARD', '4242', 'sim_auth_pay-6', '2026-01-15 14:00:01.000', '2026-01-15 14:00:01.000');

INSERT INTO payment_transactions (payment_id, kind, amount_minor, currency, status, idempotency_key, created_at) VALUES
    ('pay-1', 'AUTHORIZE', 16997, 'EUR', 'SUCCEEDED', NULL, '2026-01-10 09:00:01.000'),
    ('pay-2', 'AUTHORIZE',  4599, 'EUR', 'SUCCEEDED', NULL, '2026-01-11 10:00:01.000'),
    ('pay-2', 'CAPTURE',    4599, 'EUR', 'SUCCEEDED', NULL, '2026-01-12 08:30:00.000'),
    ('pay-3', 'AUTHORIZE', 21899, 'EUR', 'SUCCEEDED', NULL, '2026-01-12 11:00:01.000'),
    ('pay-3', 'CAPTURE',   21899, 'EUR', 'SUCCEEDED', NULL, '2026-01-13 15:00:00.000'),
    ('pay-5', 'AUTHORIZE', 10998, 'EUR', 'SUCCEEDED', NULL, '2026-01-14 13:00:01.000'),
    ('pay-5', 'VOID',      10998, 'EUR', 'SUCCEEDED', NULL, '2026-01-14 17:45:00.000'),
    ('pay-6', 'AUTHORIZE', 10798, 'EUR', 'SUCCEEDED', NULL, '2026-01-15 14:00:01.000');
