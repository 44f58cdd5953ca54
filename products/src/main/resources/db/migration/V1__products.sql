-- The catalogue. Prices are integer minor units; CHECKs keep stock and prices non-negative even
-- if application code were wrong (enforced by MySQL 8.0.16+ and MariaDB 10.2+).
CREATE TABLE products (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    sku         VARCHAR(32)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000) NOT NULL,
    price_minor INT           NOT NULL,
    currency    CHAR(3)       NOT NULL,
    stock       INT           NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    updated_at  DATETIME(3)   NOT NULL,
    CONSTRAINT products_sku_unique UNIQUE (sku),
    CONSTRAINT products_stock_not_negative CHECK (stock >= 0),
    CONSTRAINT products_price_not_negative CHECK (price_minor >= 0)
) CHARACTER SET utf8mb4;

CREATE INDEX products_price ON products (price_minor);

-- Stock held for an order (checkout saga), one row per order id. The row is claimed (PENDING,
-- committed at once) before any stock moves; every later decision for the order locks that row, so
-- repeated or concurrent requests for one order are serialised and never reserve twice.
-- PENDING: claimed, holds no stock (e.g. the attempt was out of stock); RESERVED: holds its items;
-- RELEASED: settled, holds nothing. reserved_at is NULL for an order that never held stock.
CREATE TABLE reservations (
    order_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    status      VARCHAR(16) NOT NULL,
    reserved_at DATETIME(3) NULL,
    released_at DATETIME(3) NULL,
    CONSTRAINT reservations_status_known CHECK (status IN ('PENDING', 'RESERVED', 'RELEASED'))
) CHARACTER SET utf8mb4;

CREATE TABLE reservation_items (
    order_id   VARCHAR(64) NOT NULL,
    product_id VARCHAR(64) NOT NULL,
    quantity   INT         NOT NULL,
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT reservation_items_reservation FOREIGN KEY (order_id) REFERENCES reservations (order_id),
    CONSTRAINT reservation_items_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT reservation_items_quantity_positive CHECK (quantity > 0)
) CHARACTER SET utf8mb4;
