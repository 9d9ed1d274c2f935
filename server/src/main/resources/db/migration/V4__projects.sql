-- Projects created through the API. Projects declared in files or Git are not stored here.
-- The definition is the project as JSON (limits and roles, no secret); the SOPS keys are sealed with the store's key.
CREATE TABLE projects (
    name        VARCHAR(253)             NOT NULL PRIMARY KEY,
    definition  VARCHAR                  NOT NULL,
    sops_keys   BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(253)             NOT NULL
);
