import type { AlertSignature } from '../../src/lib/signing/alert-signature';
import { caseNumbers } from '../db/case-numbers';
import { toPublicCase, type CaseRow } from '../db/cases';
import type { Env } from '../env';
import { batchDatabases } from '../fanout/batch-dbs';
import { signingKeys } from '../signing/keys';
import { signAlert } from '../signing/sign';

/**
 * A case as the public sees it, signed: the one serializer behind GET /api/cases/:id and partner webhooks'
 * `data.case`, so a partner can check a delivered case with the same keys as any reader. `unsigned` is what the
 * signature covers (the public API derives its ETag from it). Whether the public may see the case is the
 * caller's decision.
 */
export async function signedPublicCase(
	env: Env,
	row: CaseRow
): Promise<{
	unsigned: Record<string, unknown>;
	signed: Record<string, unknown> & { signature: AlertSignature };
}> {
	const found = await toPublicCase(env.DB, row);
	// A found child's case carries its own numbers (API.md "Statistics"), signed with the rest.
	const unsigned: Record<string, unknown> =
		'status' in found && found.status === 'resolved'
			? {
					...found,
					numbers:
						(await caseNumbers(
							env.DB,
							found.id,
							batchDatabases(env).map((d) => d.db)
						)) ?? undefined
				}
			: { ...found };
	// A drill reaches test partners signed with the same keys as a real alert: the mark must be inside what the
	// signature covers, or a relay could strip it and pass the drill off as a child really missing.
	if (row.exercise === 1) unsigned.exercise = true;
	return { unsigned, signed: await signAlert(await signingKeys(env), { ...unsigned }) };
}
