DELETE FROM data_keys WHERE owner_id IN (SELECT id FROM case_entities);
DROP TABLE entity_lookup;
DROP TABLE case_entities;
