-- The address an order ships to, copied from the account's address book when the order is
-- placed: the order keeps it whatever the account later changes or removes.
CREATE TABLE order_shipping_addresses (
    order_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    recipient    VARCHAR(100) NOT NULL,
    line1        VARCHAR(200) NOT NULL,
    line2        VARCHAR(200) NULL,
    city         VARCHAR(100) NOT NULL,
    postal_code  VARCHAR(20)  NOT NULL,
    country      CHAR(2)      NOT NULL,
    phone        VARCHAR(30)  NULL,
    CONSTRAINT order_shipping_addresses_order FOREIGN KEY (order_id) REFERENCES orders (id)
);

-- The admins' order search (newest first, optionally by status; by user it uses orders_by_user)
CREATE INDEX orders_by_created ON orders (created_at, id);
CREATE INDEX orders_by_status ON orders (status, created_at, id);

-- Demo: where the seeded orders went
INSERT INTO order_shipping_addresses (order_id, recipient, line1, line2, city, postal_code, country, phone) VALUES
    ('order-1', 'Ada Lovelace',    '12 St James''s Square', NULL,      'London',    'SW1Y 4JH', 'GB', '+44 20 7946 0001'),
    ('order-2', 'Ada Lovelace',    '12 St James''s Square', NULL,      'London',    'SW1Y 4JH', 'GB', '+44 20 7946 0001'),
    ('order-3', 'Grace Hopper',    '1 Navy Yard',           'Suite 5', 'Arlington', '22202',    'US', NULL),
    ('order-6', 'Grace Hopper',    '1 Navy Yard',           'Suite 5', 'Arlington', '22202',    'US', NULL);
