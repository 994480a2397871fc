-- Free text sealed by the application under its case's data key (a row of
-- data_keys whose owner is the case), bound to table, column and row. The
-- clear columns beside them keep only text written before this migration,
-- until the application seals it (`lantern migrate`, and `lantern serve`
-- on start) and empties them.
ALTER TABLE cases ADD COLUMN summary_sealed BLOB;
ALTER TABLE case_events ADD COLUMN title_sealed BLOB;
ALTER TABLE case_events ADD COLUMN note_sealed BLOB;
ALTER TABLE attachments ADD COLUMN file_name_sealed BLOB;
