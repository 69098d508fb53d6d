-- A child's privacy after recovery (issue 9): the retention sweep stamps what it has done, so each step runs once.
-- retained_at: RETENTION_DAYS after resolution, photo and texts gone and the name reduced.
ALTER TABLE cases ADD COLUMN retained_at TEXT;
-- contacts_cleared_at: 90 days after resolution, the contact details tipsters left are deleted.
ALTER TABLE cases ADD COLUMN contacts_cleared_at TEXT;
-- The sweep's two scans: resolved cases with a step still to do, oldest resolution first.
CREATE INDEX cases_retention_due ON cases (resolved_at) WHERE status = 'resolved' AND retained_at IS NULL;
CREATE INDEX cases_contacts_due ON cases (resolved_at) WHERE status = 'resolved' AND contacts_cleared_at IS NULL;
