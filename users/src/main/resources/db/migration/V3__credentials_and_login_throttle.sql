-- Accounts get a password (Argon2id, PHC string format); NULL until one is set, and an
-- account without one cannot sign in.
ALTER TABLE users ADD COLUMN password_hash VARCHAR(255) NULL;

-- Failed sign-ins per subject: an email address (with or without an account) or a client
-- address, keyed by SHA-256 of "ACCOUNT:<email>" / "ADDRESS:<ip>" so no address is stored.
CREATE TABLE login_throttle (
    subject_hash      CHAR(64)    NOT NULL PRIMARY KEY,
    kind              VARCHAR(16) NOT NULL,
    failures          INT         NOT NULL,
    window_started_at DATETIME(3) NOT NULL,
    lockouts          INT         NOT NULL DEFAULT 0,
    locked_until      DATETIME(3) NULL
);

-- DEVELOPMENT DEMO PASSWORD for the demo customers user-1..user-4: "storefront-demo"
-- (documented in users/README.md). The demo admin (user-5, admin@example.com) gets its
-- password from users.admin.* at start-up instead.
UPDATE users SET password_hash = '$argon2id$v=19$m=19456,t=2,p=1$36PHf5lrmf/anwhaeg9RbQ$BGHo24yGZT7ZrWRvZkQlMUyShqlTd7bcChz34m4hGOk'
WHERE id IN ('user-1', 'user-2', 'user-3', 'user-4');
