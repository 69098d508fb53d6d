/** Finding a place by name (issue 20): the search box of /regions, the clue form and the console. */
export const zhCN = {
	'places.label': '搜索地点',
	'places.hint': '输入地名、拼音或首字母，如“浦东”“pudong”“pdxq”。在本机上搜索，不会发送您输入的内容。',
	'places.hintConsole': '输入地名、拼音或首字母；也可粘贴高德或百度地图的坐标。',
	'places.loading': '正在载入地名…',
	'places.none': '没有找到这个地点。',
	'places.count': '{n} 个结果，用上下方向键选择，回车确认。',
	'places.approximate': '（位置为上级地区的大致位置）',
	'places.failed': '地名载入失败，请稍后重试。',
	'places.pasted': '已把{system}坐标转换为 WGS-84：{lat}, {lon}',
	'places.suggested': '根据地图位置建议的地名：{name}',
	'places.useSuggestion': '使用这个地名',
	'places.systemLabel': '粘贴坐标的坐标系',
	'places.system.GCJ02': '高德 / 腾讯（GCJ-02）',
	'places.system.BD09': '百度（BD-09）',
	'places.system.WGS84': 'GPS（WGS-84）'
};

export const en: Record<keyof typeof zhCN, string> = {
	'places.label': 'Search for a place',
	'places.hint':
		'Type a place name, pinyin or initials, e.g. “浦东”, “pudong”, “pdxq”. Searched on this device; what you type is not sent.',
	'places.hintConsole':
		'Type a place name, pinyin or initials, or paste coordinates copied from Amap or Baidu Maps.',
	'places.loading': 'Loading place names…',
	'places.none': 'No such place found.',
	'places.count': '{n} results; use the up and down arrow keys, Enter to choose.',
	'places.approximate': '(position approximate: the area above it)',
	'places.failed': 'Place names could not be loaded. Try again later.',
	'places.pasted': 'Converted {system} coordinates to WGS-84: {lat}, {lon}',
	'places.suggested': 'Suggested place name from the map: {name}',
	'places.useSuggestion': 'Use this name',
	'places.systemLabel': 'Pasted coordinates are in',
	'places.system.GCJ02': 'Amap / Tencent (GCJ-02)',
	'places.system.BD09': 'Baidu (BD-09)',
	'places.system.WGS84': 'GPS (WGS-84)'
};
