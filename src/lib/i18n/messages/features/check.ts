/** The delivery check on the regions page (src/lib/check) and its test push. */
export const zhCN = {
	'check.title': '通知能否送达？',
	'check.button': '检查通知',
	'check.checking': '正在检查，最多需要半分钟…',
	'check.pushTitle': '团圆：通知测试',
	'check.pushBody': '看到这条消息，说明走失儿童警报可以送达本机。',
	'check.state.working': '通知正常：测试通知已送达本机。',
	'check.state.noPush': '这个浏览器不能接收推送通知。',
	'check.state.noPush.wechat':
		'您在微信里打开了本页：点右上角“⋯”，选择“在浏览器打开”，再在浏览器里开启警报。',
	'check.state.noPush.qq': '您在 QQ 里打开了本页：点右上角“⋯”，选择“在浏览器打开”，再在浏览器里开启警报。',
	'check.state.unreachable':
		'推送服务无法连接：本机接收不到浏览器的推送服务（例如在中国大陆，谷歌的推送服务 FCM 通常无法访问）。',
	'check.state.iosInstall':
		'在 iPhone 和 iPad 上，只有添加到主屏幕的应用才能接收通知：点 Safari 的“分享”按钮，选择“添加到主屏幕”，然后从主屏幕打开本应用并开启警报。',
	'check.state.blocked': '通知已被禁止：请在浏览器的网站设置中允许本站的通知，然后再检查一次。',
	'check.state.rateLimited': '每台设备每小时最多检查 3 次，请稍后再试。',
	'check.state.noRegions': '请先添加一个区域。',
	'check.fallbacks': '其他收到警报的方式：',
	'check.fallback.live': '保持本页打开：附近的新警报会立即显示在页面上。',
	'check.fallback.install': '把本应用添加到主屏幕：每次打开都会补报错过的警报。',
	'check.fallback.feeds': '合作应用和订阅源（Atom / CAP）也会发布这些警报：'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'check.title': 'Do notifications reach you?',
	'check.button': 'Check notifications',
	'check.checking': 'Checking; this takes up to half a minute…',
	'check.pushTitle': 'Reunion: notification test',
	'check.pushBody': 'If you see this, missing-child alerts reach this device.',
	'check.state.working': 'Working: the test notification reached this device.',
	'check.state.noPush': 'This browser cannot receive push notifications.',
	'check.state.noPush.wechat':
		'You opened this page inside WeChat: tap “⋯” at the top right, choose “Open in browser”, and turn alerts on there.',
	'check.state.noPush.qq':
		'You opened this page inside QQ: tap “⋯” at the top right, choose “Open in browser”, and turn alerts on there.',
	'check.state.unreachable':
		'Push service unreachable: this device does not hear from its browser’s push service (in mainland China, Google’s FCM is usually blocked).',
	'check.state.iosInstall':
		'On iPhone and iPad only apps on the Home Screen get notifications: tap Safari’s Share button, choose “Add to Home Screen”, then open the app from there and turn alerts on.',
	'check.state.blocked':
		'Notifications are blocked: allow them for this site in the browser’s site settings, then check again.',
	'check.state.rateLimited': 'At most 3 checks per device per hour. Try again later.',
	'check.state.noRegions': 'Add a region first.',
	'check.fallbacks': 'Other ways to get alerts:',
	'check.fallback.live': 'Keep this page open: new alerts nearby show on the page at once.',
	'check.fallback.install':
		'Add this app to your Home Screen: every time you open it, it catches up on alerts you missed.',
	'check.fallback.feeds': 'Partner apps and feeds (Atom / CAP) carry the same alerts:'
};
