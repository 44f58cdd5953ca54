-- The clean-up of abandoned anonymous carts looks them up by when they were last changed.
CREATE INDEX carts_by_updated_at ON carts (updated_at);
