import { covering } from '../../src/lib/geo';
import type { CaseRow } from '../db/cases';
import { insertAlertJobs, insertJobStatement, type MessageKind, type NewFanoutJob } from '../db/fanout-jobs';
import type { Routing } from '../db/shard-routing';
import { createShardMap, type ShardMap } from '../db/shards';
import type { Env } from '../env';
import { batchDatabases } from './batch-dbs';
import { splitRanges } from './sub-jobs';

export interface FanoutRequest {
	kind: MessageKind;
	/** For a radius step: devices already inside this radius were alerted before and are skipped. */
	innerRadiusKm?: number;
	text?: string;
}

/**
 * Plans a case message as fan-out jobs and enqueues their first steps (step.ts runs them): an alert walks the
 * covering of its circle, one job per subscriber shard and range group (sub-jobs.ts), all started at once; a
 * follow-up walks the recipients its alert recorded, one job per database holding the alert's batches.
 * Job ids derive from the case version and radius, so approving twice (or a retried request) starts one fan-out.
 */
export async function startFanout(
	env: Env,
	row: CaseRow,
	request: FanoutRequest,
	now = new Date()
): Promise<string[]> {
	const shards = createShardMap(env);
	const batchShards = batchDatabases(env).map((d) => d.name);
	const jobs = planJobs(shards, await shards.routing(), batchShards, row, request, now);
	// All sub-jobs in one D1 round trip, so the first steps start sooner; a job that exists already is not new.
	const inserts = jobs.map((job) => insertJobStatement(env.DB, job, now));
	const results = !jobs.length
		? []
		: request.kind === 'alert'
			? await insertAlertJobs(env.DB, row.id, alertIdPrefix(row, request, jobs), inserts)
			: await env.DB.batch(inserts);
	const created = jobs.filter((_, i) => (results[i]?.meta.changes ?? 0) > 0).map((job) => job.id);
	if (created.length)
		await env.FANOUT.sendBatch(created.map((jobId) => ({ body: { jobId }, contentType: 'json' as const })));
	return created;
}

function planJobs(
	shards: ShardMap,
	routing: Routing,
	batchShards: string[],
	row: CaseRow,
	request: FanoutRequest,
	now: Date
): NewFanoutJob[] {
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
	// Each shard recorded the devices its alert jobs reached (batch-dbs.ts): a follow-up walks each of them; with
	// one database the job keeps its plain id.
	if (request.kind !== 'alert')
		return batchShards.map((shard) => ({
			...common,
			id: idOf(batchShards.length === 1 ? 'recorded' : `recorded/${shard}`),
			source: 'recorded' as const,
			shard
		}));
	const { ranges } = covering({ lat: row.lat, lon: row.lon }, row.radius_km);
	// One job per shard, split into sub-jobs by range group; a single group keeps the shard's plain job id. Each
	// walks only the keys its shard reads now: a prefix moving meanwhile (functions/shards/move.ts) stays with the
	// database this plan chose, so no device is selected from both copies.
	return shards.shards.flatMap((shard) => {
		const groups = splitRanges(routing.rangesFor(shard.name, ranges));
		return groups.map((group, index) => ({
			...common,
			id: idOf(groups.length === 1 ? shard.name : `${shard.name}/${index}`),
			source: 'covering' as const,
			shard: shard.name,
			ranges: group
		}));
	});
}

/**
 * What every job id of an alert begins with (idOf below: case, kind, version, radii). An alert announced twice
 * plans again; with a shard move in between its walks may split otherwise, so "planned before" is decided by this
 * prefix, not by the ids colliding.
 */
function alertIdPrefix(row: CaseRow, request: FanoutRequest, jobs: NewFanoutJob[]): string {
	const prefix = [row.id, 'alert', row.version, row.radius_km, request.innerRadiusKm ?? 0, ''].join(':');
	if (!jobs.every((job) => job.id.startsWith(prefix)))
		throw new Error(`alert job ids do not begin ${prefix}`);
	return prefix;
}
