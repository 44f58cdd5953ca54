CREATE TABLE users (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    email      VARCHAR(320) NOT NULL,
    name       VARCHAR(200) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    CONSTRAINT users_email_unique UNIQUE (email)
);
