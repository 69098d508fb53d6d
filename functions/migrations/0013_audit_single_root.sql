-- The audit chain has one first row: prev_id is UNIQUE, but SQLite lets any number of rows hold NULL, so two
-- writers on an empty log could each start a chain. This index admits a single NULL.
CREATE UNIQUE INDEX audit_log_single_root ON audit_log ((prev_id IS NULL)) WHERE prev_id IS NULL;
