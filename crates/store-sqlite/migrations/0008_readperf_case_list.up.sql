-- A member's case list looks their cases up by id and orders them by intake:
-- with the order's columns beside the id, that sort reads this index alone,
-- never the wide case rows (PostgreSQL hash-joins instead and needs none).
CREATE INDEX cases_by_id_intake ON cases (id, intake_date DESC, reference DESC);
