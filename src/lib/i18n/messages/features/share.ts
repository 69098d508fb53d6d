/** Shared links and the share buttons (issue 9). */
export const zhCN = {
	'share.description': '请帮忙寻找 {name}（{age} 岁），{time} 最后出现在{place}。',
	'share.foundTitle': '已找到：{name}',
	'share.weibo': '分享到微博',
	'share.qr': '二维码',
	'share.qrHide': '收起二维码',
	'share.qrHint': '用微信等应用扫码打开本页。',
	'share.qrLabel': '本页链接的二维码'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'share.description': 'Please help find {name} ({age}), last seen at {place} on {time}.',
	'share.foundTitle': 'Found: {name}',
	'share.weibo': 'Share on Weibo',
	'share.qr': 'QR code',
	'share.qrHide': 'Hide the QR code',
	'share.qrHint': 'Scan with WeChat or any camera app to open this page.',
	'share.qrLabel': 'QR code of this page’s link'
};
