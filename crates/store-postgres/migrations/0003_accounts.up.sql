-- Accounts and sessions: sign-in throttling, the second factor, session
-- stages and re-authentication, and API token scopes.

-- Failed sign-ins per username key (a keyed hash of the normalised username,
-- whether or not such an account exists), for the soft lockout.
CREATE TABLE login_throttles (
    username_key BYTEA PRIMARY KEY,
    failures BIGINT NOT NULL CHECK (failures >= 0),
    last_failure_at TIMESTAMPTZ NOT NULL
);

-- A user's TOTP secret, sealed by the application. `confirmed_at` is NULL
-- while enrolment waits for the first code; `last_used_step` is the last
-- time step accepted, so no code is accepted twice.
CREATE TABLE second_factors (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    sealed_secret BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    last_used_step BIGINT NOT NULL
);

-- Single-use recovery codes, stored as SHA-256 of the code.
CREATE TABLE recovery_codes (
    user_id UUID NOT NULL REFERENCES second_factors (user_id) ON DELETE CASCADE,
    code_hash BYTEA NOT NULL,
    used_at TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

-- How far a session has signed in, and when its password was last entered.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'password'
    CHECK (stage IN ('password', 'awaiting_code', 'two_factor'));
ALTER TABLE sessions ADD COLUMN authenticated_at TIMESTAMPTZ;

-- What an API token may do. Tokens issued before scopes keep full access.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'read_write'
    CHECK (scope IN ('read', 'read_write'));
