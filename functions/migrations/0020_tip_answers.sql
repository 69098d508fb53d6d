-- Clues from the public case page (issue 9): a typed place, a private photo and the device's idempotency key.
ALTER TABLE tips ADD COLUMN place TEXT;
-- R2 key under tips/ (never under cases/, which /api/photos serves publicly).
ALTER TABLE tips ADD COLUMN photo_key TEXT;
-- A UUID made on the device: a retried send finds the first tip instead of storing a second.
ALTER TABLE tips ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX tips_client ON tips (case_id, client_id) WHERE client_id IS NOT NULL;
