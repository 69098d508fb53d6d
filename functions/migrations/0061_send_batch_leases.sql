-- Issue 18: a SEND message lost in a crash (local queues lose what is in flight; a consumer can die mid-batch)
-- leaves its batch recorded with no outcome. `due_by` is when its next outcome is due: at insert, when a consumer
-- takes it, or when a retry is queued, plus a lease; NULL once settled. The Cron re-enqueues batches past it.
ALTER TABLE send_batches ADD COLUMN due_by TEXT;
-- The recipient ids still to send (JSON) while a retry copy is queued; NULL means all of `recipients`.
ALTER TABLE send_batches ADD COLUMN pending TEXT;
-- The highest attempt whose outcome was recorded: an older attempt recorded late never re-opens a settled batch.
ALTER TABLE send_batches ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0;
-- How often the Cron re-enqueued it (bounded, so a batch that keeps dying is given up and counted).
ALTER TABLE send_batches ADD COLUMN resent INTEGER NOT NULL DEFAULT 0;
CREATE INDEX send_batches_due ON send_batches (due_by) WHERE due_by IS NOT NULL;
