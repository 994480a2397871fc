-- Which role may do what, as administrators configured it (fixed cells are
-- enforced by the domain whatever is stored). Seeded with the defaults.
CREATE TABLE role_permissions (
    role TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
) STRICT, WITHOUT ROWID;
INSERT INTO role_permissions (role, permission) VALUES
    ('admin', 'read_cases'), ('admin', 'edit_cases'), ('admin', 'break_glass'), ('admin', 'manage_users'),
    ('case_worker', 'read_cases'), ('case_worker', 'edit_cases'), ('case_worker', 'break_glass'),
    ('investigator', 'read_cases'), ('investigator', 'edit_cases'), ('investigator', 'break_glass'),
    ('lawyer', 'read_cases'), ('lawyer', 'edit_cases'), ('lawyer', 'break_glass'),
    ('me_analyst', 'read_cases'), ('partner_viewer', 'read_cases');

-- Consent decisions per person and purpose, append-only: the latest rules.
CREATE TABLE consents (
    id BLOB PRIMARY KEY NOT NULL,
    person_id BLOB NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    decision TEXT NOT NULL,
    given_by TEXT NOT NULL,
    informed TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    recorded_by BLOB REFERENCES users (id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX consents_by_person ON consents (person_id, purpose);

-- Days a kind of record is kept after its cases closed; no row: kept.
CREATE TABLE retention_rules (
    record_type TEXT PRIMARY KEY NOT NULL,
    keep_days INTEGER NOT NULL CHECK (keep_days > 0)
) STRICT;
