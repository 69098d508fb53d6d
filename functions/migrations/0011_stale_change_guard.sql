-- Stays empty. A write that inserts 0 here fails the CHECK, and a failed statement rolls back its whole D1 batch:
-- withAudit (functions/db/audit.ts) inserts 0 right after a guarded change that matched no row, so the audit row
-- and every follow-up statement of a lost race are undone with it.
CREATE TABLE stale_change_guard (ok INTEGER NOT NULL CHECK (ok > 0));
