/** MapLibre's own control texts (its `locale` option), so a Chinese page's map does not say "Map" or "Zoom in". */
export const zhCN = {
	'mapControls.attribution': '显示或隐藏地图数据来源',
	'mapControls.feedback': '反馈地图问题',
	'mapControls.fullscreen': '全屏显示',
	'mapControls.fullscreenExit': '退出全屏',
	'mapControls.locate': '定位我的位置',
	'mapControls.locateUnavailable': '无法获取位置',
	'mapControls.logo': 'MapLibre 标志',
	'mapControls.map': '地图',
	'mapControls.marker': '地图标记',
	'mapControls.resetBearing': '恢复正北方向',
	'mapControls.zoomIn': '放大',
	'mapControls.zoomOut': '缩小',
	'mapControls.close': '关闭',
	'mapControls.feet': '英尺',
	'mapControls.meters': '米',
	'mapControls.kilometers': '公里',
	'mapControls.miles': '英里',
	'mapControls.nauticalMiles': '海里'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'mapControls.attribution': 'Toggle attribution',
	'mapControls.feedback': 'Map feedback',
	'mapControls.fullscreen': 'Enter fullscreen',
	'mapControls.fullscreenExit': 'Exit fullscreen',
	'mapControls.locate': 'Find my location',
	'mapControls.locateUnavailable': 'Location not available',
	'mapControls.logo': 'MapLibre logo',
	'mapControls.map': 'Map',
	'mapControls.marker': 'Map marker',
	'mapControls.resetBearing': 'Reset bearing to north',
	'mapControls.zoomIn': 'Zoom in',
	'mapControls.zoomOut': 'Zoom out',
	'mapControls.close': 'Close popup',
	'mapControls.feet': 'ft',
	'mapControls.meters': 'm',
	'mapControls.kilometers': 'km',
	'mapControls.miles': 'mi',
	'mapControls.nauticalMiles': 'nm'
};
