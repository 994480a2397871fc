-- Establishments and vehicles recorded in cases. `identity` holds the
-- identifying text (name or plate, place, description), sealed by the
-- application under a data key of its own in `data_keys`.
CREATE TABLE case_entities (
    id UUID PRIMARY KEY,
    case_id UUID NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('establishment', 'vehicle')),
    establishment_kind TEXT CHECK (establishment_kind IN ('brothel', 'massage_parlour', 'hotel', 'bar', 'placement_agency', 'online', 'other')),
    identity BYTEA NOT NULL,
    created_by UUID REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((kind = 'establishment') = (establishment_kind IS NOT NULL))
);
CREATE INDEX case_entities_by_case ON case_entities (case_id, created_at);

-- Keyed blind indexes of normalised establishment names, plates and
-- places: the same entity is found across cases without its text.
CREATE TABLE entity_lookup (
    digest BYTEA NOT NULL,
    entity_id UUID NOT NULL REFERENCES case_entities (id) ON DELETE CASCADE,
    PRIMARY KEY (digest, entity_id)
);
CREATE INDEX entity_lookup_by_entity ON entity_lookup (entity_id);
