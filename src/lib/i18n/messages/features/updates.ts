/** Texts of case updates: new sightings and a new photo after publication. */
export const zhCN = {
	'updates.sighting': '新的目击：{place}，{time}',
	'updates.addSighting': '报告新的目击地点',
	'updates.sightingPlace': '目击地点',
	'updates.sightingAt': '目击时间',
	'updates.sightingPick': '在地图上点击目击位置。警报范围不会随之改变；如需扩大范围，请申请扩大范围。',
	'updates.sightingMap': '目击位置地图，点击地图放置位置',
	'updates.newPhoto': '更换照片：新照片会立即显示在案件页面，并随下一条进展推送。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'updates.sighting': 'New sighting: {place}, {time}',
	'updates.addSighting': 'Report a new sighting',
	'updates.sightingPlace': 'Where the child was seen',
	'updates.sightingAt': 'When',
	'updates.sightingPick':
		'Click the map where the child was seen. The alert area does not move; ask to widen it if needed.',
	'updates.sightingMap': 'Map of the sighting; click to place it',
	'updates.newPhoto': 'Replace the photo: the case page shows it at once, and the next update pushes it.'
};
