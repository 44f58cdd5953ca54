-- Orders and their lines. Prices are copied from products at order time (the price charged),
-- integer minor units. (user_id, idempotency_key) is unique: the database, not the application,
-- makes a retried or concurrent placeOrder create a single order.
CREATE TABLE orders (
    id               VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id          VARCHAR(64)  NOT NULL,
    status           VARCHAR(24)  NOT NULL,
    total_minor      INT          NOT NULL,
    currency         CHAR(3)      NOT NULL,
    tracking_number  VARCHAR(64)  NULL,
    idempotency_key  VARCHAR(128) NULL,
    -- hash of what was ordered, so a key reused for a different order is recognised
    request_hash     CHAR(64)     NULL,
    payment_id       VARCHAR(64)  NULL,
    -- stable code of the business failure that ended a checkout (OUT_OF_STOCK, PAYMENT_DECLINED...)
    failure_code     VARCHAR(32)  NULL,
    -- set while remote work for the order may be unfinished (a saga in flight, a compensation
    -- not yet confirmed); the recovery job resolves orders whose time has come
    recovery_due_at  DATETIME(3)  NULL,
    created_at       DATETIME(3)  NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    CONSTRAINT orders_idempotency_key_unique UNIQUE (user_id, idempotency_key),
    CONSTRAINT orders_total_not_negative CHECK (total_minor >= 0),
    INDEX orders_by_user (user_id, created_at, id),
    INDEX orders_by_recovery_due (recovery_due_at)
);

CREATE TABLE order_items (
    order_id          VARCHAR(64) NOT NULL,
    line_no           INT         NOT NULL,
    product_id        VARCHAR(64) NOT NULL,
    quantity          INT         NOT NULL,
    unit_price_minor  INT         NOT NULL,
    currency          CHAR(3)     NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_order FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_items_quantity_positive CHECK (quantity > 0),
    CONSTRAINT order_items_price_not_negative CHECK (unit_price_minor >= 0)
);

-- Every status an order entered, in order, with why.
CREATE TABLE order_status_changes (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id    VARCHAR(64)  NOT NULL,
    status      VARCHAR(24)  NOT NULL,
    reason      VARCHAR(500) NULL,
    changed_at  DATETIME(3)  NOT NULL,
    CONSTRAINT order_status_changes_order FOREIGN KEY (order_id) REFERENCES orders (id),
    INDEX order_status_changes_by_order (order_id, id)
);
