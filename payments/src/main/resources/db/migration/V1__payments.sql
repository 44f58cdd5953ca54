-- One row per payment attempt. idempotency_key is unique: the database, not the application,
-- guarantees that retried or concurrent authorization requests create a single payment.
CREATE TABLE payments (
    id               VARCHAR(64)  NOT NULL PRIMARY KEY,
    -- insertion order: created_at can tie within a millisecond, "oldest first" must not
    seq              BIGINT       NOT NULL AUTO_INCREMENT,
    order_id         VARCHAR(64)  NOT NULL,
    idempotency_key  VARCHAR(128) NOT NULL,
    amount_minor     INT          NOT NULL,
    currency         CHAR(3)      NOT NULL,
    captured_minor   INT          NOT NULL DEFAULT 0,
    refunded_minor   INT          NOT NULL DEFAULT 0,
    status           VARCHAR(24)  NOT NULL,
    failure_code     VARCHAR(32)  NULL,
    method           VARCHAR(16)  NOT NULL,
    card_last4       CHAR(4)      NULL,
    provider_reference VARCHAR(64) NULL,
    created_at       DATETIME(3)  NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    CONSTRAINT payments_seq_unique UNIQUE (seq),
    CONSTRAINT payments_idempotency_key_unique UNIQUE (idempotency_key),
    CONSTRAINT payments_amount_positive CHECK (amount_minor > 0),
    CONSTRAINT payments_refund_within_capture CHECK (refunded_minor >= 0 AND refunded_minor <= captured_minor),
    INDEX payments_by_order (order_id, seq)
);

-- What happened at the provider, in order. A refund may carry the caller's idempotency key so a
-- retried refund is applied once.
CREATE TABLE payment_transactions (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    payment_id       VARCHAR(64)  NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    amount_minor     INT          NOT NULL,
    currency         CHAR(3)      NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    idempotency_key  VARCHAR(128) NULL,
    created_at       DATETIME(3)  NOT NULL,
    CONSTRAINT payment_transactions_payment FOREIGN KEY (payment_id) REFERENCES payments (id),
    CONSTRAINT payment_transactions_idempotency_key_unique UNIQUE (payment_id, idempotency_key),
    INDEX payment_transactions_by_payment (payment_id, id)
);
