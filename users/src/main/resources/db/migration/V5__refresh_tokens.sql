-- Sessions: one row per refresh token, only its SHA-256 (hex) stored. A sign-in starts a family
-- (the session); every refresh marks its token used and adds the next one to the same family,
-- which keeps the family's expiry. Presenting a used token again revokes the whole family.
CREATE TABLE refresh_tokens (
    token_hash CHAR(64)    NOT NULL PRIMARY KEY,
    family_id  VARCHAR(64) NOT NULL,
    user_id    VARCHAR(64) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    used_at    DATETIME(3) NULL,
    revoked_at DATETIME(3) NULL,
    -- MySQL and MariaDB index a foreign key's columns themselves (named after the constraint):
    -- that index serves revoking all of an account's sessions (logoutEverywhere, changePassword).
    -- (a CREATE INDEX on user_id would only add a second one, or clash with the constraint's name)
    CONSTRAINT refresh_tokens_user_id FOREIGN KEY (user_id) REFERENCES users (id)
);

-- revoking a session's tokens (reuse, logout)
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
-- the retention clean-up (RefreshTokenRepository.deleteEnded) deletes by either time
CREATE INDEX refresh_tokens_expires_at ON refresh_tokens (expires_at);
CREATE INDEX refresh_tokens_revoked_at ON refresh_tokens (revoked_at);
