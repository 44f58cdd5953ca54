-- Indexes for the sorted catalogue listings (products(sort: ...)): each is the sort's ORDER BY,
-- so a page is read in index order from its keyset position. PRICE_ASC / PRICE_DESC use
-- products_price (InnoDB appends the primary key, id, to every secondary index).
CREATE INDEX products_name ON products (name, id);
CREATE INDEX products_created_at ON products (created_at, id);
