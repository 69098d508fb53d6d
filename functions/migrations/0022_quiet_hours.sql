-- Quiet hours (issue 9): each region row carries its device's quiet hours, so the fan-out decides from the rows
-- it already reads, in whichever shard holds them. Minutes after midnight on the device's clock, in its IANA zone;
-- all three NULL when the device has none.
ALTER TABLE subscription_regions ADD COLUMN quiet_start INTEGER;
ALTER TABLE subscription_regions ADD COLUMN quiet_end INTEGER;
ALTER TABLE subscription_regions ADD COLUMN quiet_zone TEXT;

-- New alerts held for a device in its quiet hours, with the send batch of the step that held them (the batch the
-- device would have been in). One row per (device, case): the Cron release sends one summary per device once
-- release_at has passed and deletes the rows; a held alert of a case closed meanwhile is dropped, never sent.
-- Held devices are not in the batch's recipients, so updates and outcomes do not reach them until released.
CREATE TABLE held_alerts (
	subscription_id TEXT NOT NULL,
	case_id TEXT NOT NULL,
	batch_id TEXT NOT NULL,
	-- The region the device was selected by, for the summary's wording and for audits.
	geohash TEXT NOT NULL,
	release_at TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (subscription_id, case_id)
) WITHOUT ROWID;
CREATE INDEX held_alerts_due ON held_alerts (release_at);
CREATE INDEX held_alerts_case ON held_alerts (case_id);
