/** Texts of one console feature, kept apart so features can grow without touching each other's lines. */
export const zhCN = {
	'console.pageTitle': '{page} · 警务控制台',
	'console.loadFailed': '无法加载此页面。请稍后重试。',
	'console.retry': '重试',
	'console.fieldInvalid': '“{label}”未被接受，请检查后重试。',
	'console.localTime': '本地时间，{zone}',
	'console.lat': '纬度',
	'console.lon': '经度',
	'console.pointChosen': '已选位置：纬度 {lat}，经度 {lon}',
	'console.pointMissing': '请先在地图上点击或填写经纬度，选择最后出现的位置，才能保存。',
	'console.sightingMissing': '请在地图上点击目击位置，或取消勾选“报告新的目击地点”。',
	'console.uploading': '正在上传照片…',
	'console.photoTooLarge': '照片太大（最大 5 MB），请换一张较小的图片。',
	'console.photoType': '不支持此文件类型，请选择 JPEG、PNG 或 WebP 图片。',
	'console.deliveriesFinal': '案件已结束，送达统计不再刷新。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'console.pageTitle': '{page} · Police console',
	'console.loadFailed': 'This page could not be loaded. Please try again later.',
	'console.retry': 'Try again',
	'console.fieldInvalid': '“{label}” was not accepted. Check it and try again.',
	'console.localTime': 'local time, {zone}',
	'console.lat': 'Latitude',
	'console.lon': 'Longitude',
	'console.pointChosen': 'Chosen point: latitude {lat}, longitude {lon}',
	'console.pointMissing':
		'Choose the last-seen point first (tap the map or type latitude and longitude) to save.',
	'console.sightingMissing': 'Tap the map where the child was seen, or untick “report a new sighting”.',
	'console.uploading': 'Uploading the photo…',
	'console.photoTooLarge': 'The photo is too large (5 MB at most). Choose a smaller one.',
	'console.photoType': 'This kind of file is not accepted. Choose a JPEG, PNG or WebP image.',
	'console.deliveriesFinal': 'The case is closed: delivery counts are no longer refreshed.'
};
