/** Texts of the public feeds (functions/feeds/). */
export const zhCN = {
	'feeds.atomTitle': '团圆 儿童失踪警报',
	'feeds.atomSubtitle': '最近 7 天的全部 CAP 1.2 消息：警报、更新与撤销。',
	'feeds.pfifSource': '团圆 儿童失踪信息紧急发布平台',
	'feeds.summaryChild': '{name}，{age} 岁，{time} 最后出现在{place}。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'feeds.atomTitle': 'Reunion missing-child alerts',
	'feeds.atomSubtitle': 'Every CAP 1.2 message of the last 7 days: alerts, updates and cancellations.',
	'feeds.pfifSource': 'Reunion missing-child alerts',
	'feeds.summaryChild': '{name}, age {age}, last seen at {place} on {time}.'
};
