import { covering, type GeohashRange } from '../../src/lib/geo';
import type { CaseRow } from '../db/cases';
import { insertJobStatement, type MessageKind, type NewFanoutJob } from '../db/fanout-jobs';
import { createShardMap, type Shard, type ShardMap } from '../db/shards';
import type { Env } from '../env';

export interface FanoutRequest {
	kind: MessageKind;
	/** For a radius step: devices already inside this radius were alerted before and are skipped. */
	innerRadiusKm?: number;
	text?: string;
}

/**
 * Plans a case message as fan-out jobs and enqueues their first steps (step.ts runs them): an alert walks the
 * covering of its circle, one job per subscriber shard; a follow-up walks the recipients its alert recorded.
 * Job ids derive from the case version and radius, so approving twice (or a retried request) starts one fan-out.
 */
export async function startFanout(
	env: Env,
	row: CaseRow,
	request: FanoutRequest,
	now = new Date()
): Promise<string[]> {
	const created: string[] = [];
	for (const job of planJobs(createShardMap(env), row, request, now)) {
		const result = await insertJobStatement(env.DB, job, now).run();
		if (result.meta.changes > 0) created.push(job.id);
	}
	if (created.length)
		await env.FANOUT.sendBatch(created.map((jobId) => ({ body: { jobId }, contentType: 'json' as const })));
	return created;
}

function planJobs(shards: ShardMap, row: CaseRow, request: FanoutRequest, now: Date): NewFanoutJob[] {
	const common = {
		caseId: row.id,
		kind: request.kind,
		lat: row.lat,
		lon: row.lon,
		radiusKm: row.radius_km,
		innerRadiusKm: request.innerRadiusKm ?? 0,
		exercise: row.exercise === 1,
		text: request.text ?? null
	};
	const idOf = (walk: string) =>
		[
			row.id,
			request.kind,
			row.version,
			row.radius_km,
			common.innerRadiusKm,
			walk,
			// Follow-ups of one version are distinct messages (two updates in a row), so each gets its own job.
			request.kind === 'alert' ? '' : now.getTime()
		].join(':');
	if (request.kind !== 'alert') return [{ ...common, id: idOf('recorded'), source: 'recorded' }];
	const { ranges } = covering({ lat: row.lat, lon: row.lon }, row.radius_km);
	return shards.shards.map((shard) => ({
		...common,
		id: idOf(shard.name),
		source: 'covering',
		shard: shard.name,
		ranges: ranges.filter((range) => rangeTouchesShard(range, shard, shards))
	}));
}

/** A range belongs to a shard when any of its keys is held there (longest-prefix rule of the shard map). */
function rangeTouchesShard(range: GeohashRange, shard: Shard, shards: ShardMap): boolean {
	if (shards.shards.length === 1) return true;
	return shard.prefixes.some(
		(prefix) => prefix === '' || (range.from <= prefix + 'zzzzz' && range.to >= prefix.padEnd(5, '0'))
	);
}
