/** The public statistics page (issue 9). */
export const zhCN = {
	'nav.stats': '统计',
	'stats.title': '找回统计',
	'stats.intro': '所有正式发布的失踪儿童警报。演练、示例和误发后取消的警报不计入。',
	'stats.unit': '发布单位：{name}（含下级单位）',
	'stats.published': '发布的警报',
	'stats.resolved': '已找回的儿童',
	'stats.rate': '找回率',
	'stats.median': '找回用时中位数',
	'stats.hours': '{n} 小时',
	'stats.none': '—',
	'stats.byCircumstance': '已找回儿童的失踪原因',
	'stats.share': '{n} 人（{share}）',
	'stats.monthly': '每月警报与找回',
	'stats.chartLabel': '每月发布的警报和找回的儿童柱状图，数据见下表',
	'stats.month': '月份',
	'stats.legendPublished': '发布',
	'stats.legendResolved': '找回',
	'stats.empty': '还没有发布过警报。',
	'stats.loadFailed': '统计数据加载失败，请稍后重试。',
	'stats.caseNumbers': '这次寻找',
	'stats.caseReached': '收到警报的设备',
	'stats.caseTips': '收到的线索',
	'stats.caseHours': '从发布到找回'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'nav.stats': 'Statistics',
	'stats.title': 'Children found',
	'stats.unit': 'Issued by {name} (and the units below it)',
	'stats.intro':
		'Every missing-child alert published for real. Exercises, demo alerts and alerts cancelled as sent in error are not counted.',
	'stats.published': 'Alerts published',
	'stats.resolved': 'Children found',
	'stats.rate': 'Recovery rate',
	'stats.median': 'Median time to recovery',
	'stats.hours': '{n} hours',
	'stats.none': '—',
	'stats.byCircumstance': 'Why the children found had gone missing',
	'stats.share': '{n} ({share})',
	'stats.monthly': 'Alerts and recoveries by month',
	'stats.chartLabel':
		'Bar chart of alerts published and children found each month; the table below has the figures',
	'stats.month': 'Month',
	'stats.legendPublished': 'Published',
	'stats.legendResolved': 'Found',
	'stats.empty': 'No alert has been published yet.',
	'stats.loadFailed': 'The statistics could not be loaded. Try again later.',
	'stats.caseNumbers': 'This search in numbers',
	'stats.caseReached': 'Devices alerted',
	'stats.caseTips': 'Clues received',
	'stats.caseHours': 'From alert to found'
};
