-- Expired counters are deleted by window_started_at (LoginThrottleRepository.deleteExpired):
-- the index keeps that DELETE a range scan instead of a scan of the whole table.
CREATE INDEX login_throttle_window_started_at ON login_throttle (window_started_at);
