-- Local users, signed-in sessions and API tokens. Passwords are kept only as Argon2id hashes (parameters and salt
-- inside the encoded hash); session and API tokens only as SHA-256 hashes, which is enough for 256-bit random
-- tokens and lets a presented token be found by its hash.

CREATE TABLE users (
    name          VARCHAR(253)             NOT NULL PRIMARY KEY,
    password_hash VARCHAR(512)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A session acts as its actor (user:<name> or sso:<email>) with the RBAC subject and groups it signed in with.
CREATE TABLE sessions (
    token_hash  VARCHAR(64)              NOT NULL PRIMARY KEY,
    actor       VARCHAR(512)             NOT NULL,
    subject     VARCHAR(512)             NOT NULL,
    user_groups VARCHAR                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- An API token acts as token:<id> with the RBAC subject proj:<project>:<role>, or the subject of its creator.
CREATE TABLE api_tokens (
    id          VARCHAR(64)              NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(64)              NOT NULL UNIQUE,
    subject     VARCHAR(512)             NOT NULL,
    user_groups VARCHAR                  NOT NULL,
    project     VARCHAR(253),
    role        VARCHAR(253),
    description VARCHAR                  NOT NULL,
    created_by  VARCHAR(512)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
