/** Live alerts while the app is open (src/lib/live). */
export const zhCN = {
	'live.region': '实时警报',
	'live.kind.alert': '附近新发布的走失儿童警报',
	'live.kind.update': '警报有新进展',
	'live.kind.resolved': '孩子已找到',
	'live.kind.cancelled': '此警报系误发，已撤销',
	'live.summary': '{name}，{age} 岁，最后出现：{place}',
	'live.view': '查看详情',
	'live.dismiss': '关闭 {name} 的提示',
	'live.several': '附近有 {n} 条新消息',
	'live.dismissAll': '全部关闭',
	'live.mode.live': '实时接收中',
	'live.mode.polling': '实时连接中断，正在定时刷新',
	'live.mode.connecting': '正在连接实时警报'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'live.region': 'Live alerts',
	'live.kind.alert': 'New missing-child alert near you',
	'live.kind.update': 'Update on an alert',
	'live.kind.resolved': 'The child has been found',
	'live.kind.cancelled': 'This alert was sent in error and is withdrawn',
	'live.summary': '{name}, {age} years old, last seen: {place}',
	'live.view': 'View details',
	'live.dismiss': 'Dismiss the notice about {name}',
	'live.several': '{n} new messages near you',
	'live.dismissAll': 'Dismiss all',
	'live.mode.live': 'Receiving live',
	'live.mode.polling': 'Live connection lost: checking regularly',
	'live.mode.connecting': 'Connecting to live alerts'
};
