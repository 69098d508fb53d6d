-- A job says what it walks: the covering of its circle in one shard, or the send batches its case's alert
-- recorded (updates, resolution, cancellation). Before this, a shard named 'recorded' said the second, and the
-- geohash cursor's id column carried the last batch id read.
ALTER TABLE fanout_jobs ADD COLUMN source TEXT NOT NULL DEFAULT 'covering' CHECK (source IN ('covering', 'recorded'));
ALTER TABLE fanout_jobs ADD COLUMN after_batch_id TEXT NOT NULL DEFAULT '';
UPDATE fanout_jobs SET source = 'recorded', after_batch_id = cursor_id, cursor_id = '', shard = ''
	WHERE shard = 'recorded';
