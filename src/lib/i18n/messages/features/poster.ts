/** Printable and phone-sized posters of a case (issue 9). */
export const zhCN = {
	'poster.missing': '寻找失踪儿童',
	'poster.found': '已找到 FOUND',
	'poster.hotline': '有线索请拨打 {phone}',
	'poster.scan': '扫码查看最新消息、发送线索',
	'poster.foundThanks': '孩子已找到，感谢每一位帮忙的人。',
	'poster.print': '打印海报',
	'poster.image': '下载手机海报图片',
	'poster.link': '海报（打印或分享图片）',
	'poster.title': '海报：{name}',
	'poster.qrLabel': '二维码：打开本案件的最新页面'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'poster.missing': 'MISSING CHILD',
	'poster.found': 'FOUND 已找到',
	'poster.hotline': 'Any clue? Call {phone}',
	'poster.scan': 'Scan for the latest news and to send a clue',
	'poster.foundThanks': 'The child has been found. Thank you to everyone who helped.',
	'poster.print': 'Print the poster',
	'poster.image': 'Download the phone poster image',
	'poster.link': 'Poster (print, or share as an image)',
	'poster.title': 'Poster: {name}',
	'poster.qrLabel': 'QR code: opens this case’s latest page'
};
