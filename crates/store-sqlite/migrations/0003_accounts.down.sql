ALTER TABLE api_tokens DROP COLUMN scope;
ALTER TABLE sessions DROP COLUMN authenticated_at;
ALTER TABLE sessions DROP COLUMN stage;
DROP TABLE recovery_codes;
DROP TABLE second_factors;
DROP TABLE login_throttles;
