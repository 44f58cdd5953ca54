-- Shipping addresses of an account (at most 20, enforced by the service under a lock on the
-- account's users row). The text columns are utf8mb4 (names and streets are not ASCII); the id
-- columns keep the database default so user_id matches users.id for the foreign key.
--
-- is_default is 1 for the account's default address and NULL (never 0) for the others: a unique
-- key allows any number of NULLs, so UNIQUE (user_id, is_default) lets the database itself refuse
-- a second default, whatever the application does. Portable to MySQL 8.4 and MariaDB.
CREATE TABLE addresses (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id     VARCHAR(64)  NOT NULL,
    recipient   VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL,
    line1       VARCHAR(200) CHARACTER SET utf8mb4 NOT NULL,
    line2       VARCHAR(200) CHARACTER SET utf8mb4 NULL,
    city        VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL,
    postal_code VARCHAR(20)  CHARACTER SET utf8mb4 NOT NULL,
    country     CHAR(2)      NOT NULL,
    phone       VARCHAR(30)  NULL,
    is_default  TINYINT      NULL,
    -- 1, 2, 3... per account in the order added: "oldest first" (the listing, the default's
    -- successor) by a number, not by created_at, whose fractional seconds the driver drops on
    -- servers it takes for MySQL 5.5 (MariaDB reports 5.5.5-10.x)
    seq_no      INT          NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    -- also the index for an account's addresses in order (user_id is its first column)
    CONSTRAINT addresses_seq_no UNIQUE (user_id, seq_no),
    CONSTRAINT addresses_one_default UNIQUE (user_id, is_default),
    CONSTRAINT addresses_default_is_one CHECK (is_default = 1),
    CONSTRAINT addresses_user_id FOREIGN KEY (user_id) REFERENCES users (id)
);
