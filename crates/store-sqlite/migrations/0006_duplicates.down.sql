DROP TABLE person_merge_participations;
DROP TABLE person_merges;
DROP TABLE duplicate_pairs;
