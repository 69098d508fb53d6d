// Live alerts' constants without zod, so a page that only opens the socket does not load the validator up front
// (issue 9's first-load budget); live.ts re-exports them beside the schemas.

/** API.md "Live alerts": a socket listens to 1–3 geohash-3 cells. */
export const MAX_LIVE_CELLS = 3;

/** What a client sends to keep the socket checked; the object answers `{ type: "ping" }` without waking. */
export const LIVE_PING = 'ping';
