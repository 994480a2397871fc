-- Data keys: one per person and per attachment, wrapped by a master key
-- kept outside the database. Deleting a row destroys what it protects.
CREATE TABLE data_keys (
    owner_id UUID PRIMARY KEY,
    wrapped BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Keyed blind indexes of normalised names and phone numbers, for exact
-- search without storing the values.
CREATE TABLE person_lookup (
    digest BYTEA NOT NULL,
    person_id UUID NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (digest, person_id)
);
CREATE INDEX person_lookup_by_person ON person_lookup (person_id);

-- Users who see every case of their office.
CREATE TABLE supervisors (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE
);

-- Emergency access to a case outside one's team, with the reason given.
CREATE TABLE break_glass (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    case_id UUID NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    granted_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX break_glass_by_user ON break_glass (user_id, case_id, expires_at);
CREATE INDEX break_glass_by_time ON break_glass (granted_at DESC);
