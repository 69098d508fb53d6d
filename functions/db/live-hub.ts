// The SQLite storage of one live-alerts Durable Object (functions/live/cell-hub.ts): messages held while sending
// is paused, in order, and the homes of sockets that listen to this cell from another object.

const SCHEMA = [
	`CREATE TABLE IF NOT EXISTS held (seq INTEGER PRIMARY KEY AUTOINCREMENT, cell TEXT NOT NULL,
		message TEXT NOT NULL, forward INTEGER NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS guests (home TEXT PRIMARY KEY, added_at INTEGER NOT NULL)`
];
const HOLD = 'INSERT INTO held (cell, message, forward) VALUES (?, ?, ?)';
const HELD = 'SELECT seq, cell, message, forward FROM held ORDER BY seq';
const RELEASE = 'DELETE FROM held WHERE seq = ?';
const ADD_GUEST = `INSERT INTO guests (home, added_at) VALUES (?, ?)
	ON CONFLICT (home) DO UPDATE SET added_at = excluded.added_at`;
const GUESTS = 'SELECT home FROM guests';
const DROP_GUEST = 'DELETE FROM guests WHERE home = ? AND added_at < ?';

export interface HeldMessage {
	seq: number;
	cell: string;
	message: string;
	forward: boolean;
}

export function createHubTables(sql: SqlStorage): void {
	for (const statement of SCHEMA) sql.exec(statement);
}

export function holdMessage(sql: SqlStorage, cell: string, message: string, forward: boolean): void {
	sql.exec(HOLD, cell, message, forward ? 1 : 0);
}

export function heldMessages(sql: SqlStorage): HeldMessage[] {
	return sql
		.exec<{ seq: number; cell: string; message: string; forward: number }>(HELD)
		.toArray()
		.map((row) => ({ ...row, forward: row.forward === 1 }));
}

export function releaseHeldMessage(sql: SqlStorage, seq: number): void {
	sql.exec(RELEASE, seq);
}

export function addGuestHome(sql: SqlStorage, home: string, at: number): void {
	sql.exec(ADD_GUEST, home, at);
}

export function guestHomes(sql: SqlStorage): string[] {
	return sql
		.exec<{ home: string }>(GUESTS)
		.toArray()
		.map((row) => row.home);
}

/** Drops a home unless it registered again at or after `before`. */
export function dropGuestHome(sql: SqlStorage, home: string, before: number): void {
	sql.exec(DROP_GUEST, home, before);
}
