/** One tap to alerts on, from the home page (src/lib/one-tap). */
export const zhCN = {
	'oneTap.working': '正在开启…',
	'oneTap.noLocation': '无法获取您的位置。您可以在地图上点选位置，或选择城市。',
	'oneTap.pickOnMap': '在地图上选择或选择城市',
	'oneTap.regionOnly':
		'已保存您的区域，但这个浏览器收不到推送通知。保持本页打开即可实时看到附近的警报，每次打开也会补报错过的警报。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'oneTap.working': 'Turning alerts on…',
	'oneTap.noLocation': 'Your location is not available. Pick a place on the map or choose a city.',
	'oneTap.pickOnMap': 'Pick on the map or choose a city',
	'oneTap.regionOnly':
		'Your region is saved, but this browser cannot receive push notifications. Keep this page open to see alerts nearby as they come; every time you open it, it also catches up on alerts you missed.'
};
