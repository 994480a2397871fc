-- The audit log: one row per recorded action, each linked to the one
-- before by a keyed hash (the key is outside the database), so a row edited,
-- removed, added or moved breaks the chain at that row.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY NOT NULL,
    at TEXT NOT NULL,
    actor_id BLOB,
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id BLOB,
    fields TEXT NOT NULL,
    reason TEXT,
    client TEXT,
    link BLOB NOT NULL
) STRICT;
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_by_record ON audit_log (record_id, seq);

-- Signed statements of the chain's head, so truncating the log is seen too.
CREATE TABLE audit_checkpoints (
    seq INTEGER PRIMARY KEY NOT NULL,
    head BLOB NOT NULL,
    signature BLOB NOT NULL,
    at TEXT NOT NULL
) STRICT;
