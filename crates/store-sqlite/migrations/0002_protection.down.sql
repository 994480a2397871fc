DROP TABLE break_glass;
DROP TABLE supervisors;
DROP TABLE person_lookup;
DROP TABLE data_keys;
