// Every route of the API with who may call it: one table the authz matrix, the CSRF check and the fuzzer all read.
// Adding a route or a role (police units) is a row here. Enumerated from functions/api/*/ and README's URL table;
// routes.test.ts checks that each router's routes all appear.

/** Roles in the order they grow (API.md "Police"); `null` is a caller without a session. */
export const ROLES = ['officer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Demo users by role (functions/dev/demo-data.ts, as local mode seeds them). */
export const USER_OF: Record<Role, string> = {
	officer: 'demo-officer',
	approver: 'demo-approver',
	admin: 'demo-admin'
};

/** What a route acts on: a fresh case of the officer's in a status, or a path without one. */
export type Target = { status: 'draft' | 'pending' | 'published' } | null;

export interface PoliceRoute {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** `:id` is replaced by the target case's id; other ids are ones that do not exist. */
	path: string;
	/** The smallest role that passes the role check (the route may still refuse for another reason). */
	minRole: Role;
	/** A body that passes validation, so the role check (not the schema) decides. */
	body?: unknown;
	target: Target;
	/** The body is raw bytes of this type (photo upload), not JSON. */
	raw?: string;
}

const DRAFT_BODY = {
	childName: '探针',
	age: 7,
	sex: 'male',
	contactPhone: '110',
	lastSeenAt: '2026-01-01T08:00:00+08:00',
	placeName: '上海',
	lat: 31.23,
	lon: 121.47
};
const SUBSCRIPTION = {
	endpoint: 'https://fcm.googleapis.com/fcm/send/probe-device',
	keys: {
		p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
		auth: 'tBHItJI5svbpez7KI4CCXg'
	}
};
const draft = { status: 'draft' } as const;

export const POLICE_ROUTES: PoliceRoute[] = [
	{ method: 'GET', path: '/api/auth/me', minRole: 'officer', target: null },
	{ method: 'GET', path: '/api/auth/passkeys', minRole: 'officer', target: null },
	{ method: 'GET', path: '/api/police/cases', minRole: 'officer', target: null },
	{ method: 'POST', path: '/api/police/cases', minRole: 'officer', body: DRAFT_BODY, target: null },
	{ method: 'GET', path: '/api/police/cases/:id', minRole: 'officer', target: draft },
	{
		method: 'PATCH',
		path: '/api/police/cases/:id',
		minRole: 'officer',
		body: { clothing: '蓝' },
		target: draft
	},
	{ method: 'POST', path: '/api/police/cases/:id/submit', minRole: 'officer', body: {}, target: draft },
	{
		method: 'POST',
		path: '/api/police/cases/:id/approve',
		minRole: 'approver',
		// A stale version: the role check passes and the answer is 409, so no alert goes out.
		body: { confirm: DRAFT_BODY.childName, version: 999 },
		target: { status: 'pending' }
	},
	{
		method: 'POST',
		path: '/api/police/cases/:id/updates',
		minRole: 'officer',
		body: { text: '更新' },
		target: draft
	},
	{
		method: 'POST',
		path: '/api/police/cases/:id/resolve',
		minRole: 'officer',
		body: { outcome: 'found_safe', circumstance: 'lost' },
		target: draft
	},
	{
		method: 'POST',
		path: '/api/police/cases/:id/cancel',
		minRole: 'officer',
		body: { reason: '误发' },
		target: draft
	},
	{
		method: 'POST',
		path: '/api/police/cases/:id/approve-radius',
		minRole: 'approver',
		body: { radiusKm: 200 },
		target: { status: 'published' }
	},
	{
		method: 'POST',
		path: '/api/police/cases/:id/reject-radius',
		minRole: 'approver',
		body: {},
		target: draft
	},
	{
		method: 'POST',
		path: '/api/police/cases/:id/hand-over',
		minRole: 'officer',
		body: { unitId: 'root', reason: '探针' },
		target: draft
	},
	{ method: 'GET', path: '/api/police/cases/:id/audience', minRole: 'officer', target: draft },
	{ method: 'GET', path: '/api/police/cases/:id/cap', minRole: 'officer', target: draft },
	{ method: 'GET', path: '/api/police/cases/:id/deliveries', minRole: 'officer', target: draft },
	{ method: 'GET', path: '/api/police/cases/:id/tips', minRole: 'officer', target: draft },
	{ method: 'PUT', path: '/api/police/cases/:id/photo', minRole: 'officer', raw: 'image/png', target: draft },
	{
		method: 'PATCH',
		path: '/api/police/tips/no-such-tip',
		minRole: 'officer',
		body: { status: 'useful' },
		target: null
	},
	{ method: 'GET', path: '/api/police/tips/no-such-tip/photo', minRole: 'officer', target: null },
	{
		method: 'GET',
		path: '/api/police/audience?lat=31.2&lon=121.4&radiusKm=50',
		minRole: 'officer',
		target: null
	},
	{
		method: 'POST',
		path: '/api/police/devices',
		minRole: 'officer',
		body: { subscription: SUBSCRIPTION },
		target: null
	},
	{ method: 'GET', path: '/api/police/users', minRole: 'admin', target: null },
	{ method: 'POST', path: '/api/police/users', minRole: 'admin', body: {}, target: null },
	{ method: 'PATCH', path: '/api/police/users/no-such-user', minRole: 'admin', body: {}, target: null },
	{ method: 'GET', path: '/api/police/units', minRole: 'officer', target: null },
	{ method: 'POST', path: '/api/police/units', minRole: 'admin', body: {}, target: null },
	{ method: 'PATCH', path: '/api/police/units/no-such-unit', minRole: 'admin', body: {}, target: null },
	// The national admin alone (demo-admin's unit is the root); no move runs, so step and rollback answer 4xx.
	{ method: 'GET', path: '/api/police/shard-moves', minRole: 'admin', target: null },
	{ method: 'POST', path: '/api/police/shard-moves', minRole: 'admin', body: {}, target: null },
	{ method: 'POST', path: '/api/police/shard-moves/step', minRole: 'admin', body: {}, target: null },
	{ method: 'POST', path: '/api/police/shard-moves/rollback', minRole: 'admin', body: {}, target: null },
	{ method: 'GET', path: '/api/police/partners', minRole: 'admin', target: null },
	{ method: 'POST', path: '/api/police/partners', minRole: 'admin', body: {}, target: null },
	{ method: 'PATCH', path: '/api/police/partners/no-such-partner', minRole: 'admin', body: {}, target: null },
	{ method: 'DELETE', path: '/api/police/partners/no-such-partner', minRole: 'admin', target: null },
	{
		method: 'POST',
		path: '/api/police/partners/no-such-partner/rotate-secret',
		minRole: 'admin',
		body: {},
		target: null
	},
	{ method: 'GET', path: '/api/police/partners/no-such-partner/deliveries', minRole: 'admin', target: null },
	{ method: 'GET', path: '/api/police/audit', minRole: 'admin', target: null },
	{ method: 'GET', path: '/api/police/audit/verify', minRole: 'admin', target: null },
	{ method: 'GET', path: '/api/police/sending', minRole: 'admin', target: null },
	// An empty body: the role check passes and validation refuses, so sending is never paused by the probe.
	{ method: 'PUT', path: '/api/police/sending', minRole: 'admin', body: {}, target: null }
];

/** Public routes, for the fuzzer: method, path (`:id` is a published case), and what the body is. */
export interface PublicRoute {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	body: 'json' | 'tip' | 'none';
}

export const PUBLIC_ROUTES: PublicRoute[] = [
	{ method: 'GET', path: '/api/health', body: 'none' },
	{ method: 'GET', path: '/api/config', body: 'none' },
	{ method: 'GET', path: '/api/openapi.json', body: 'none' },
	{ method: 'GET', path: '/api/alerts', body: 'none' },
	{ method: 'GET', path: '/api/cases/:id', body: 'none' },
	{ method: 'POST', path: '/api/cases/:id/tips', body: 'tip' },
	{ method: 'GET', path: '/api/photos/:key', body: 'none' },
	{ method: 'GET', path: '/api/stats', body: 'none' },
	{ method: 'GET', path: '/api/places', body: 'none' },
	{ method: 'GET', path: '/api/places/reverse', body: 'none' },
	{ method: 'POST', path: '/api/subscriptions', body: 'json' },
	{ method: 'DELETE', path: '/api/subscriptions', body: 'json' },
	{ method: 'POST', path: '/api/subscriptions/check', body: 'json' },
	{ method: 'GET', path: '/api/subscriptions/check/:key', body: 'none' },
	{ method: 'POST', path: '/api/subscriptions/check/:key/received', body: 'json' },
	{ method: 'POST', path: '/api/auth/login', body: 'json' },
	{ method: 'POST', path: '/api/auth/passkeys/sign-in/options', body: 'json' },
	{ method: 'POST', path: '/api/auth/passkeys/sign-in', body: 'json' },
	{ method: 'GET', path: '/api/live', body: 'none' },
	{ method: 'GET', path: '/feeds/alerts.atom', body: 'none' },
	{ method: 'GET', path: '/feeds/cap/:key.xml', body: 'none' },
	{ method: 'GET', path: '/feeds/pfif.xml', body: 'none' },
	{ method: 'GET', path: '/embed', body: 'none' }
];
