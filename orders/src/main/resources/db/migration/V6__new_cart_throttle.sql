-- New anonymous carts per client address and window (orders.cart.new-per-address,
-- orders.cart.new-window): every cart a visitor starts without a token is a row, so one client
-- could otherwise fill the table. The address is kept only as a hash.
CREATE TABLE new_cart_throttle (
    address_hash      CHAR(64)    NOT NULL PRIMARY KEY,
    window_started_at DATETIME(3) NOT NULL,
    carts_started     INT         NOT NULL
);

-- The clean-up deletes the counters whose window is over.
CREATE INDEX new_cart_throttle_by_window ON new_cart_throttle (window_started_at);
