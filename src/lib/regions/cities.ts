/** Cities offered when geolocation is unavailable; centres are city halls or main squares. */
export interface City {
	id: string;
	zh: string;
	en: string;
	lat: number;
	lon: number;
}

export const CITIES: City[] = [
	{ id: 'beijing', zh: '北京', en: 'Beijing', lat: 39.9042, lon: 116.4074 },
	{ id: 'shanghai', zh: '上海', en: 'Shanghai', lat: 31.2304, lon: 121.4737 },
	{ id: 'guangzhou', zh: '广州', en: 'Guangzhou', lat: 23.1291, lon: 113.2644 },
	{ id: 'shenzhen', zh: '深圳', en: 'Shenzhen', lat: 22.5431, lon: 114.0579 },
	{ id: 'chengdu', zh: '成都', en: 'Chengdu', lat: 30.5728, lon: 104.0668 },
	{ id: 'chongqing', zh: '重庆', en: 'Chongqing', lat: 29.563, lon: 106.5516 },
	{ id: 'wuhan', zh: '武汉', en: 'Wuhan', lat: 30.5928, lon: 114.3055 },
	{ id: 'xian', zh: '西安', en: "Xi'an", lat: 34.3416, lon: 108.9398 },
	{ id: 'tianjin', zh: '天津', en: 'Tianjin', lat: 39.3434, lon: 117.3616 },
	{ id: 'nanjing', zh: '南京', en: 'Nanjing', lat: 32.0603, lon: 118.7969 },
	{ id: 'hangzhou', zh: '杭州', en: 'Hangzhou', lat: 30.2741, lon: 120.1551 },
	{ id: 'suzhou', zh: '苏州', en: 'Suzhou', lat: 31.2989, lon: 120.5853 },
	{ id: 'zhengzhou', zh: '郑州', en: 'Zhengzhou', lat: 34.7466, lon: 113.6254 },
	{ id: 'changsha', zh: '长沙', en: 'Changsha', lat: 28.2282, lon: 112.9388 },
	{ id: 'shenyang', zh: '沈阳', en: 'Shenyang', lat: 41.8057, lon: 123.4315 },
	{ id: 'harbin', zh: '哈尔滨', en: 'Harbin', lat: 45.8038, lon: 126.535 },
	{ id: 'jinan', zh: '济南', en: 'Jinan', lat: 36.6512, lon: 117.1201 },
	{ id: 'qingdao', zh: '青岛', en: 'Qingdao', lat: 36.0671, lon: 120.3826 },
	{ id: 'kunming', zh: '昆明', en: 'Kunming', lat: 25.0389, lon: 102.7183 },
	{ id: 'nanning', zh: '南宁', en: 'Nanning', lat: 22.817, lon: 108.3665 },
	{ id: 'fuzhou', zh: '福州', en: 'Fuzhou', lat: 26.0745, lon: 119.2965 },
	{ id: 'hefei', zh: '合肥', en: 'Hefei', lat: 31.8206, lon: 117.2272 },
	{ id: 'nanchang', zh: '南昌', en: 'Nanchang', lat: 28.682, lon: 115.8579 },
	{ id: 'guiyang', zh: '贵阳', en: 'Guiyang', lat: 26.647, lon: 106.6302 },
	{ id: 'lanzhou', zh: '兰州', en: 'Lanzhou', lat: 36.0611, lon: 103.8343 },
	{ id: 'urumqi', zh: '乌鲁木齐', en: 'Ürümqi', lat: 43.8256, lon: 87.6168 },
	{ id: 'lhasa', zh: '拉萨', en: 'Lhasa', lat: 29.652, lon: 91.1721 },
	{ id: 'hohhot', zh: '呼和浩特', en: 'Hohhot', lat: 40.8424, lon: 111.749 },
	{ id: 'haikou', zh: '海口', en: 'Haikou', lat: 20.044, lon: 110.1999 },
	{ id: 'hongkong', zh: '香港', en: 'Hong Kong', lat: 22.3193, lon: 114.1694 }
];
