/** The button of a map shown on demand (/regions: src/lib/map/MapOnDemand.svelte). */
export const zhCN = {
	'map.show': '显示地图'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'map.show': 'Show the map'
};
