// `node scripts/audit-replay.mjs --after <id> <file.jsonl>…` (docs/backup.md, "Restore"): turns audit rows the Cron
// exported to R2 back into INSERT statements for a D1 restored to an older point, printed on stdout. Only rows
// after `--after` (the restored log's last id) are replayed, in id order, and only if they continue the chain:
// each row's prev_id and prev_hash name the row before it, with no id missing. The rows go back exactly as they
// were exported, so the chain verifies again under the same AUDIT_KEY.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const COLUMNS = [
	'id',
	'prev_id',
	'at',
	'user_id',
	'username',
	'action',
	'case_id',
	'detail',
	'ip_hash',
	'prev_hash',
	// Police units (migration 0090): in the chain hash when set; absent from exports made before it (NULL).
	'unit_id',
	'hash'
];

function literal(value) {
	if (value === null || value === undefined) return 'NULL';
	if (typeof value === 'number' && Number.isInteger(value)) return String(value);
	return `'${String(value).replaceAll("'", "''")}'`;
}

/**
 * The SQL that appends `rows` (any order, duplicates allowed: objects may overlap) after the row `after`, whose
 * hash is `afterHash` (from the restored database). Throws on a gap or a row that does not link to the one before.
 */
export function replaySql(rows, after, afterHash) {
	const byId = new Map();
	for (const row of rows) if (row.id > after) byId.set(row.id, row);
	const ordered = [...byId.values()].sort((a, b) => a.id - b.id);
	let previous = { id: after, hash: afterHash };
	const statements = [];
	for (const row of ordered) {
		if (row.id !== previous.id + 1) throw new Error(`audit row ${previous.id + 1} is missing from the files`);
		if (row.prev_id !== previous.id || row.prev_hash !== previous.hash)
			throw new Error(`audit row ${row.id} does not link to row ${previous.id}: wrong database or files`);
		statements.push(
			`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => literal(row[c])).join(', ')});`
		);
		previous = row;
	}
	return statements.join('\n') + (statements.length ? '\n' : '');
}

function main(argv) {
	const at = argv.indexOf('--after');
	const hashAt = argv.indexOf('--after-hash');
	if (at < 0 || hashAt < 0) {
		console.error('usage: node scripts/audit-replay.mjs --after <id> --after-hash <hash> <file.jsonl>…');
		process.exit(2);
	}
	const files = argv.filter((_, i) => i !== at && i !== at + 1 && i !== hashAt && i !== hashAt + 1);
	const rows = files.flatMap((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.filter((line) => line.trim())
			.map((line) => JSON.parse(line))
	);
	process.stdout.write(replaySql(rows, Number(argv[at + 1]), argv[hashAt + 1]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
