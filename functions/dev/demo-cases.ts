import type { Circumstance, Sex } from '../../src/lib/schemas';

/** Invented children, invented places' details; the pictures are drawings marked DEMO (static/demo/). */
export interface DemoCase {
	id: string;
	childName: string;
	age: number;
	sex: Sex;
	heightCm: number;
	clothing: string;
	description: string;
	placeName: string;
	lat: number;
	lon: number;
	hoursAgo: number;
	circumstance: Circumstance;
	/** static/demo/child-N.svg; a drawing whose label names a girl or a boy goes to a child of that sex. */
	picture: number;
	resolved?: { text: string; hoursAgo: number };
	update?: { text: string; hoursAgo: number };
}

export const DEMO_CASES: DemoCase[] = [
	{
		id: 'demo-beijing',
		childName: '李小雨（示例）',
		age: 7,
		sex: 'female',
		heightCm: 122,
		clothing: '红色羽绒服，蓝色牛仔裤，白色运动鞋',
		description: '演示数据：扎两条小辫，左手戴黄色手环。',
		placeName: '北京市朝阳区 朝阳公园南门',
		lat: 39.9339,
		lon: 116.4815,
		hoursAgo: 2,
		circumstance: 'lost',
		picture: 2,
		update: { text: '演示更新：有群众反映在团结湖附近见到相似儿童。', hoursAgo: 1 }
	},
	{
		id: 'demo-shanghai',
		childName: '王浩然（示例）',
		age: 10,
		sex: 'male',
		heightCm: 140,
		clothing: '灰色校服外套，黑色书包',
		description: '演示数据：戴黑框眼镜，说普通话和上海话。',
		placeName: '上海市徐汇区 漕河泾地铁站',
		lat: 31.1727,
		lon: 121.3976,
		hoursAgo: 5,
		circumstance: 'voluntary',
		picture: 1
	},
	{
		id: 'demo-guangzhou',
		childName: '陈思琪（示例）',
		age: 5,
		sex: 'female',
		heightCm: 108,
		clothing: '黄色连衣裙，粉色凉鞋',
		description: '演示数据：短发，额头有小疤痕。',
		placeName: '广州市天河区 天河城商场',
		lat: 23.1322,
		lon: 113.3227,
		hoursAgo: 1,
		circumstance: 'lost',
		picture: 3
	},
	{
		id: 'demo-chengdu',
		childName: '张子轩（示例）',
		age: 12,
		sex: 'male',
		heightCm: 152,
		clothing: '绿色卫衣，黑色运动裤',
		description: '演示数据：喜欢篮球，可能前往体育场附近。',
		placeName: '成都市武侯区 武侯祠大街',
		lat: 30.6463,
		lon: 104.0479,
		hoursAgo: 20,
		circumstance: 'unknown',
		picture: 4
	},
	{
		id: 'demo-wuhan',
		childName: '刘欣怡（示例）',
		age: 9,
		sex: 'female',
		heightCm: 132,
		clothing: '白色T恤，紫色外套',
		description: '演示数据：背紫色书包，上有兔子挂件。',
		placeName: '武汉市江汉区 江汉路步行街',
		lat: 30.5806,
		lon: 114.2891,
		hoursAgo: 8,
		circumstance: 'abducted',
		picture: 5
	},
	{
		id: 'demo-xian',
		childName: '赵一鸣（示例）',
		age: 6,
		sex: 'male',
		heightCm: 115,
		clothing: '蓝色棉服，红色帽子',
		description: '演示数据：说话带陕西口音。',
		placeName: '西安市雁塔区 大雁塔北广场',
		lat: 34.2204,
		lon: 108.9641,
		hoursAgo: 30,
		circumstance: 'lost',
		picture: 6,
		resolved: { text: '演示：孩子已找到，平安回家。感谢大家的帮助！', hoursAgo: 26 }
	},
	{
		id: 'demo-shenzhen',
		childName: '黄梓涵（示例）',
		age: 3,
		sex: 'unknown',
		heightCm: 95,
		clothing: '橙色连帽衫',
		description: '演示数据：与家人在公园走散。',
		placeName: '深圳市福田区 莲花山公园',
		lat: 22.5535,
		lon: 114.0596,
		hoursAgo: 3,
		circumstance: 'lost',
		picture: 7
	}
];

/** Demo users and their units (functions/dev/demo-units.ts); the first three are the accounts of before units. */
export const DEMO_USERS = [
	{
		id: 'demo-officer',
		username: 'demo-officer',
		displayName: '示例民警',
		role: 'officer',
		unitId: 'unit-shanghai'
	},
	{
		id: 'demo-approver',
		username: 'demo-approver',
		displayName: '示例审核员',
		role: 'approver',
		unitId: 'unit-shanghai'
	},
	{ id: 'demo-admin', username: 'demo-admin', displayName: '示例管理员', role: 'admin', unitId: 'root' },
	// The ministry's own duty officers: they draft and approve anywhere in the country, as every officer did before
	// units (the tests of other features use them for cases outside Shanghai and Wuhan).
	{
		id: 'demo-national-officer',
		username: 'demo-national-officer',
		displayName: '部示例民警',
		role: 'officer',
		unitId: 'root'
	},
	{
		id: 'demo-national-approver',
		username: 'demo-national-approver',
		displayName: '部示例审核员',
		role: 'approver',
		unitId: 'root'
	},
	{
		id: 'demo-hubei-approver',
		username: 'demo-hubei-approver',
		displayName: '湖北示例审核员',
		role: 'approver',
		unitId: 'unit-hubei'
	},
	{
		id: 'demo-wuhan-officer',
		username: 'demo-wuhan-officer',
		displayName: '武汉示例民警',
		role: 'officer',
		unitId: 'unit-wuhan'
	},
	{
		id: 'demo-wuhan-approver',
		username: 'demo-wuhan-approver',
		displayName: '武汉示例审核员',
		role: 'approver',
		unitId: 'unit-wuhan'
	}
] as const;

export const DEFAULT_DEMO_PASSWORD = 'reunion-demo';
