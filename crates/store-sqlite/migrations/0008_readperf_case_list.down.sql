DROP INDEX cases_by_id_intake;
