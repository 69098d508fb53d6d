/** Texts of the embeddable widget and the /embed page (src/widget/). Kept apart: the widget ships only these. */
export const zhCN = {
	'widget.title': '附近的儿童失踪警报',
	'widget.loading': '正在加载警报…',
	'widget.empty': '附近目前没有儿童失踪警报。',
	'widget.offline': '离线：无法获取最新警报。',
	'widget.error': '暂时无法加载警报，稍后会自动重试。',
	'widget.age': '{age} 岁',
	'widget.distance': '距此 {km} 公里',
	'widget.lastSeen': '最后出现：{place}，{time}',
	'widget.found': '已找到',
	'widget.demo': '示例数据，并非真实案件',
	'widget.verified': '已验证的警方警报',
	'widget.unverified': '未验证：内容可能被篡改',
	'widget.photoAlt': '{name} 的照片',
	'widget.source': '团圆 儿童失踪警报'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'widget.title': 'Missing-child alerts nearby',
	'widget.loading': 'Loading alerts…',
	'widget.empty': 'No missing-child alerts near here right now.',
	'widget.offline': 'Offline: the latest alerts cannot be fetched.',
	'widget.error': 'Alerts cannot be loaded right now; trying again shortly.',
	'widget.age': '{age} years old',
	'widget.distance': '{km} km away',
	'widget.lastSeen': 'Last seen: {place}, {time}',
	'widget.found': 'Found',
	'widget.demo': 'Demo data, not a real case',
	'widget.verified': 'Verified police alert',
	'widget.unverified': 'Unverified: the content may have been altered',
	'widget.photoAlt': 'Photo of {name}',
	'widget.source': 'Reunion missing-child alerts'
};
