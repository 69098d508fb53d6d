export type InAppBrowser = 'wechat' | 'qq';

/** WeChat's and QQ's built-in browsers have no Push API; their user agents name them. */
export function inAppBrowser(userAgent: string): InAppBrowser | undefined {
	if (/MicroMessenger\//i.test(userAgent)) return 'wechat';
	if (/\bQQ\/|MQQBrowser/i.test(userAgent)) return 'qq';
	return undefined;
}

/** Rejects after `ms` so a hanging promise ends the check instead of spinning forever. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
		promise.then(
			(value) => (clearTimeout(timer), resolve(value)),
			(error: unknown) => (clearTimeout(timer), reject(error))
		);
	});
}
