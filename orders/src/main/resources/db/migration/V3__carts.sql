-- Shopping carts. A cart belongs either to a signed-in account (user_id, one cart per account,
-- the same on every device) or to an anonymous shopper holding its token (only the token's
-- SHA-256 is kept, so a leaked table gives no usable tokens). Every change to a cart locks its
-- row (SELECT ... FOR UPDATE) first, so two devices changing one cart are serialized.
CREATE TABLE carts (
    id          VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id     VARCHAR(64) NULL,
    token_hash  CHAR(64)    NULL,
    created_at  DATETIME(3) NOT NULL,
    updated_at  DATETIME(3) NOT NULL,
    CONSTRAINT carts_user_unique UNIQUE (user_id),
    CONSTRAINT carts_token_unique UNIQUE (token_hash),
    CONSTRAINT carts_one_owner CHECK ((user_id IS NOT NULL AND token_hash IS NULL)
                                   OR (user_id IS NULL AND token_hash IS NOT NULL))
);

-- One line per product; quantities 1-99 (the application keeps at most 50 lines per cart).
-- position numbers the lines in the order they were added (the clock may not tell apart two
-- lines added in one request), assigned under the cart's row lock.
CREATE TABLE cart_lines (
    cart_id     VARCHAR(64) NOT NULL,
    product_id  VARCHAR(64) NOT NULL,
    quantity    INT         NOT NULL,
    position    INT         NOT NULL,
    added_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (cart_id, product_id),
    CONSTRAINT cart_lines_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE,
    CONSTRAINT cart_lines_quantity_range CHECK (quantity BETWEEN 1 AND 99)
);

-- The orders placed by checking a cart out: when such an order becomes PAID, what it bought is
-- taken out of its cart in the same transaction as the status change (so exactly once, whether
-- the saga or recovery confirms it).
CREATE TABLE cart_checkouts (
    order_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    cart_id     VARCHAR(64) NOT NULL,
    CONSTRAINT cart_checkouts_order FOREIGN KEY (order_id) REFERENCES orders (id)
);
