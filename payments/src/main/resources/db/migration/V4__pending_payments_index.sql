-- Recovery looks for authorizations left PENDING (their answer lost) older than
-- payments.authorization.stale-after-ms, every few seconds: find them without a scan.
CREATE INDEX payments_by_status_created ON payments (status, created_at);
