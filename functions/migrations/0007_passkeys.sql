-- Passkeys (WebAuthn credentials). Only public keys are stored; the private key never leaves the authenticator.
CREATE TABLE passkeys (
	id TEXT PRIMARY KEY, -- credential id, base64url, as the authenticator reports it
	user_id TEXT NOT NULL REFERENCES users (id),
	public_key TEXT NOT NULL, -- COSE public key, base64url
	counter INTEGER NOT NULL DEFAULT 0,
	transports TEXT, -- JSON list, a hint for the browser
	name TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_used_at TEXT
) WITHOUT ROWID;
CREATE INDEX passkeys_user ON passkeys (user_id);

-- One pending ceremony per browser: the challenge is single-use and expires after five minutes.
CREATE TABLE webauthn_challenges (
	id TEXT PRIMARY KEY,
	challenge TEXT NOT NULL,
	purpose TEXT NOT NULL CHECK (purpose IN ('register', 'sign_in')),
	user_id TEXT,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- How the session was opened: approvers and admins need 'passkey' outside local mode.
ALTER TABLE sessions ADD COLUMN factor TEXT NOT NULL DEFAULT 'password' CHECK (factor IN ('password', 'passkey'));
