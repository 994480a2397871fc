DROP TABLE retention_rules;
DROP TABLE consents;
DROP TABLE role_permissions;
