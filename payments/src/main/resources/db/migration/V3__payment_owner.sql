-- The account that owns the order a payment is for, so payment(id) can be answered to that
-- account (or an admin) only. Nullable: orders sends it with each authorization from now on;
-- payments authorized before (or by an orders service that does not send it yet) have none and
-- are visible to admins only.
ALTER TABLE payments ADD COLUMN user_id VARCHAR(64) NULL;

-- the demo payments belong to the demo orders' customers (see CONVENTIONS); no-op elsewhere
UPDATE payments SET user_id = 'user-1' WHERE id IN ('pay-1', 'pay-2') AND order_id IN ('order-1', 'order-2');
UPDATE payments SET user_id = 'user-2' WHERE id IN ('pay-3', 'pay-6') AND order_id IN ('order-3', 'order-6');
UPDATE payments SET user_id = 'user-4' WHERE id = 'pay-5' AND order_id = 'order-5';
