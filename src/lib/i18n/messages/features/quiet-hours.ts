/** Quiet hours, the summary that ends them, and muting a region (issue 9, "alerts people keep on"). */
export const zhCN = {
	'quiet.title': '免打扰时段',
	'quiet.intro':
		'在这段时间里，新的警报会先保留，时段结束时合并为一条通知发给您。若孩子在 3 小时内于您区域 25 公里内被看到，警报仍会立即送达。',
	'quiet.enable': '开启免打扰时段',
	'quiet.start': '开始时间',
	'quiet.end': '结束时间',
	'quiet.timeZone': '时区',
	'quiet.save': '保存免打扰时段',
	'quiet.saved': '免打扰时段已保存。',
	'quiet.zoneSearch': '找不到？搜索其他时区（城市英文名或时区名）',
	'quiet.savedMuted':
		'设置已保存在本机，但您的区域都已静音，本机目前收不到任何警报；取消静音一个区域后，免打扰时段才会生效。',
	'quiet.off': '免打扰时段已关闭。',
	'quiet.sameTimes': '开始时间和结束时间不能相同。',
	'quiet.summaryOne': '免打扰时段内，您附近有 1 条儿童走失警报',
	'quiet.summaryMany': '免打扰时段内，您附近有 {n} 条儿童走失警报',
	'quiet.summaryLine': '{name}（{age} 岁），{place}',
	'quiet.summarySeparator': '；',
	'regions.mute': '静音区域 {name}',
	'regions.muteShort': '静音',
	'regions.muted': '已静音：不接收此区域的警报'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'quiet.title': 'Quiet hours',
	'quiet.intro':
		'During these hours new alerts wait and reach you as one notification when the hours end. An alert still comes at once if the child was seen in the last 3 hours within 25 km of your region.',
	'quiet.enable': 'Turn on quiet hours',
	'quiet.start': 'From',
	'quiet.end': 'Until',
	'quiet.timeZone': 'Time zone',
	'quiet.save': 'Save quiet hours',
	'quiet.saved': 'Quiet hours saved.',
	'quiet.zoneSearch': 'Not listed? Search all time zones (city or zone name)',
	'quiet.savedMuted':
		'Saved on this phone, but all your regions are muted, so it gets no alerts at all; quiet hours apply once you unmute a region.',
	'quiet.off': 'Quiet hours are off.',
	'quiet.sameTimes': 'The start and end times must differ.',
	'quiet.summaryOne': 'A missing-child alert near you during your quiet hours',
	'quiet.summaryMany': '{n} missing-child alerts near you during your quiet hours',
	'quiet.summaryLine': '{name} ({age}), {place}',
	'quiet.summarySeparator': '; ',
	'regions.mute': 'Mute region {name}',
	'regions.muteShort': 'Mute',
	'regions.muted': 'Muted: no alerts for this region'
};
