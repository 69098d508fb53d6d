import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// The sharded projects have more subscriber databases with the same schema.
const bindings = env as unknown as Record<string, D1Database | undefined>;
for (const name of ['DB_SHARD_W', 'DB_SHARD_1', 'DB_SHARD_2']) {
	const shard = bindings[name];
	if (shard) await applyD1Migrations(shard, env.TEST_MIGRATIONS);
}
