import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { APIRequestContext, BrowserContext, CDPSession, Page } from '@playwright/test';
import { PushPeer } from '../../support/push-peer';

export interface TestSubscriber {
	endpoint: string;
	p256dh: string;
	auth: string;
	privateKeyPem: string;
}

/** A subscriber key pair the test holds (RFC 8291: P-256 public point + 16-byte auth secret). */
export function createSubscriber(endpoint: string): TestSubscriber {
	const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
	const jwk = publicKey.export({ format: 'jwk' });
	const point = Buffer.concat([
		Buffer.from([4]),
		Buffer.from(jwk.x!, 'base64url'),
		Buffer.from(jwk.y!, 'base64url')
	]);
	return {
		endpoint,
		p256dh: point.toString('base64url'),
		auth: randomBytes(16).toString('base64url'),
		privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
	};
}

/**
 * The browser's push service is out of reach here (subscribe fails with AbortError), so the page's
 * PushManager hands out a subscription with the test's keys (TOOLCHAIN.md "Browser tests").
 */
export async function stubPushManager(context: BrowserContext, subscriber: TestSubscriber): Promise<void> {
	await context.addInitScript((s) => {
		const subscription = {
			endpoint: s.endpoint,
			expirationTime: null,
			options: { userVisibleOnly: true, applicationServerKey: null },
			getKey: () => null,
			toJSON: () => ({
				endpoint: s.endpoint,
				expirationTime: null,
				keys: { p256dh: s.p256dh, auth: s.auth }
			}),
			unsubscribe: async () => {
				sessionStorage.removeItem('stub-push');
				return true;
			}
		};
		const w = window as unknown as { PushManager?: { prototype: Record<string, unknown> } };
		if (!w.PushManager) return;
		w.PushManager.prototype.subscribe = async () => {
			sessionStorage.setItem('stub-push', '1');
			(window as unknown as { __subscribeCalls: number }).__subscribeCalls =
				((window as unknown as { __subscribeCalls?: number }).__subscribeCalls ?? 0) + 1;
			return subscription;
		};
		w.PushManager.prototype.getSubscription = async () =>
			sessionStorage.getItem('stub-push') ? subscription : null;
	}, subscriber);
}

/** Delivers a push message to the page's service worker through CDP, as the push service would. */
export async function deliverPush(page: Page, data: string): Promise<void> {
	const cdp: CDPSession = await page.context().newCDPSession(page);
	const registrationId = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const active = registrations.find((r: { isDeleted: boolean }) => !r.isDeleted);
			if (active) resolve(active.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	const origin = new URL(page.url()).origin;
	await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await registrationId, data });
}

export async function shownNotifications(
	page: Page
): Promise<Array<{ title: string; body: string; tag: string; data: unknown }>> {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		const notifications = await registration.getNotifications();
		return notifications.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }));
	});
}

/** A local push service for one test, checking VAPID JWTs against the server's own public key. */
export async function startPushPeer(request: APIRequestContext): Promise<PushPeer> {
	const { vapidPublicKey } = (await (await request.get('/api/config')).json()) as { vapidPublicKey: string };
	const peer = new PushPeer(vapidPublicKey);
	await peer.listen();
	return peer;
}
