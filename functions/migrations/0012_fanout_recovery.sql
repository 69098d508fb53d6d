-- A step records its send batches and advances in one batch, then enqueues the sends. `enqueued_seq` says how far
-- the sends are known to be on the queue: a step that finds it behind `batch_seq` re-enqueues the batches in
-- between (the invocation before died after recording them). Jobs already running have sent theirs.
ALTER TABLE fanout_jobs ADD COLUMN enqueued_seq INTEGER NOT NULL DEFAULT 0;
UPDATE fanout_jobs SET enqueued_seq = batch_seq;

-- The Cron sweep looks for running jobs that stopped moving; only running jobs are indexed.
CREATE INDEX fanout_jobs_running ON fanout_jobs (updated_at) WHERE status = 'running';
