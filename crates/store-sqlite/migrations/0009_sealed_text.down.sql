-- Sealed text cannot be opened without the key file: reverting drops it.
-- Reverting loses every summary, title, note and file name
-- written since the upgrade; restore a backup instead where that matters.
ALTER TABLE attachments DROP COLUMN file_name_sealed;
ALTER TABLE case_events DROP COLUMN note_sealed;
ALTER TABLE case_events DROP COLUMN title_sealed;
ALTER TABLE cases DROP COLUMN summary_sealed;
DELETE FROM data_keys WHERE owner_id IN (SELECT id FROM cases);
