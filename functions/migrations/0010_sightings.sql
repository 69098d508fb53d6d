-- An update may report a new sighting: where and when the child was seen (JSON: lat, lon, placeName, seenAt).
ALTER TABLE case_events ADD COLUMN sighting TEXT;
