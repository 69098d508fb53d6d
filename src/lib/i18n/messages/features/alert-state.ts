/** What is true about this phone's alerts (src/lib/push/alert-state.ts), on the home page and /regions. */
export const zhCN = {
	'alertState.on': '警报通知已开启：附近有儿童走失时，本机会收到通知。',
	'alertState.check': '检查通知能否送达本机',
	'alertState.allMuted': '您的区域都已静音：本机目前收不到任何警报。取消静音一个区域即可恢复。',
	'alertState.inApp.wechat': '您在微信里打开了本页，这里收不到警报通知：点右上角“⋯”，选择“在浏览器打开”。',
	'alertState.inApp.qq': '您在 QQ 里打开了本页，这里收不到警报通知：点右上角“⋯”，选择“在浏览器打开”。',
	'alertState.off': '警报通知未开启：本机不会收到附近儿童走失的通知。点下面的按钮开启。',
	'alertState.turnOn': '开启警报通知',
	'alertState.denied':
		'警报通知未开启，因为本站的通知权限被拒绝了：请在浏览器的网站设置中允许通知，再来开启。',
	'alertState.iosInstall':
		'警报通知未开启：在 iPhone 和 iPad 上，只有添加到主屏幕的应用才能接收通知。点 Safari 的“分享”，选择“添加到主屏幕”，再从主屏幕打开。',
	'alertState.unsupported':
		'警报通知未开启，因为这个浏览器不支持推送通知：请用最新版的 Chrome、Edge、Firefox 或 Safari 打开本站。',
	'alertState.failed': '没能开启警报通知，请稍后再试。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'alertState.on': 'Alerts are on: this phone is notified when a child goes missing nearby.',
	'alertState.check': 'Check that notifications reach this phone',
	'alertState.allMuted':
		'All your regions are muted: this phone gets no alerts at all. Unmute a region to get them again.',
	'alertState.inApp.wechat':
		'You opened this page inside WeChat, where alerts cannot arrive: tap “⋯” at the top right and choose “Open in browser”.',
	'alertState.inApp.qq':
		'You opened this page inside QQ, where alerts cannot arrive: tap “⋯” at the top right and choose “Open in browser”.',
	'alertState.off':
		'Alerts are off: this phone is not notified of missing children nearby. Turn them on below.',
	'alertState.turnOn': 'Turn alerts on',
	'alertState.denied':
		'Alerts are off because notifications were refused for this site: allow them in the browser’s site settings, then turn alerts on.',
	'alertState.iosInstall':
		'Alerts are off: on iPhone and iPad only apps on the Home Screen get notifications. Tap Safari’s Share button, choose “Add to Home Screen”, and open the app from there.',
	'alertState.unsupported':
		'Alerts are off because this browser cannot receive push notifications: open this site in a recent Chrome, Edge, Firefox or Safari.',
	'alertState.failed': 'Alerts could not be turned on. Please try again later.'
};
