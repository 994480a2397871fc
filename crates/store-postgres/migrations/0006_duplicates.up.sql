-- Probable same-person pairs found by the duplicate scan. Only ids, the
-- match probability and reason codes rest here, never identifying values.
-- `person_a` sorts before `person_b` so a pair is stored once.
CREATE TABLE duplicate_pairs (
    id UUID PRIMARY KEY,
    person_a UUID NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    person_b UUID NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    probability DOUBLE PRECISION NOT NULL CHECK (probability >= 0 AND probability <= 1),
    reasons TEXT NOT NULL,
    involves_suspect BOOLEAN NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'merged', 'dismissed')),
    found_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ,
    decided_by UUID REFERENCES users (id),
    CHECK (person_a < person_b),
    UNIQUE (person_a, person_b)
);
CREATE INDEX duplicate_pairs_by_status ON duplicate_pairs (status, involves_suspect DESC, probability DESC);

-- A merged person stays as a tombstone pointing at the survivor; the
-- participations it had are kept so that unmerging restores them exactly.
CREATE TABLE person_merges (
    merged_id UUID PRIMARY KEY REFERENCES persons (id),
    survivor_id UUID NOT NULL REFERENCES persons (id),
    pair_id UUID NOT NULL REFERENCES duplicate_pairs (id),
    merged_at TIMESTAMPTZ NOT NULL,
    merged_by UUID REFERENCES users (id)
);
CREATE INDEX person_merges_by_survivor ON person_merges (survivor_id);

CREATE TABLE person_merge_participations (
    merged_id UUID NOT NULL REFERENCES person_merges (merged_id) ON DELETE CASCADE,
    case_id UUID NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    -- Whether the merge gave the survivor this part (false when the
    -- survivor already had it): unmerge removes only what the merge added.
    added_to_survivor BOOLEAN NOT NULL,
    PRIMARY KEY (merged_id, case_id, role)
);
