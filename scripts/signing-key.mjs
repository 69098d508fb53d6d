// `node scripts/signing-key.mjs [kid]`: prints a SIGNING_KEYS value with one new ES256 key, for
// `npx wrangler secret put SIGNING_KEYS`. To rotate, put the new key first and keep the old ones after it for as
// long as signed copies may still be checked (README, Deploying).
import { createSigningKeys } from './dev-vars.mjs';

const kid = process.argv[2] ?? new Date().toISOString().slice(0, 7);
console.log(await createSigningKeys(kid));
