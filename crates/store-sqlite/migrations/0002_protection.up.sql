-- Data keys: one per person and per attachment, wrapped by a master key
-- kept outside the database. Deleting a row destroys what it protects.
CREATE TABLE data_keys (
    owner_id BLOB PRIMARY KEY NOT NULL,
    wrapped BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Keyed blind indexes of normalised names and phone numbers, for exact
-- search without storing the values.
CREATE TABLE person_lookup (
    digest BLOB NOT NULL,
    person_id BLOB NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (digest, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_lookup_by_person ON person_lookup (person_id);

-- Users who see every case of their office.
CREATE TABLE supervisors (
    user_id BLOB PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE
) STRICT;

-- Emergency access to a case outside one's team, with the reason given.
CREATE TABLE break_glass (
    id BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users (id),
    case_id BLOB NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX break_glass_by_user ON break_glass (user_id, case_id, expires_at);
CREATE INDEX break_glass_by_time ON break_glass (granted_at DESC);
