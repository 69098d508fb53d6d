import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// The sharded project has a second subscriber database with the same schema.
const shard = (env as unknown as Record<string, D1Database | undefined>).DB_SHARD_W;
if (shard) await applyD1Migrations(shard, env.TEST_MIGRATIONS);
