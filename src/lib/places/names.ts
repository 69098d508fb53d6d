// Chinese administrative names and their generic suffixes, shared by the gazetteer build
// (scripts/build-gazetteer.mjs, which Node 22 runs with type stripping) and the search on both sides.
// Kept free of imports and of TypeScript-only syntax so Node can load it as it is.

/** GB/T 2260 generic endings, longest first so 自治县 wins over 县 and 街道办事处 over 办事处. */
const SUFFIXES = [
	'特别行政区',
	'街道办事处',
	'自治区',
	'自治州',
	'自治县',
	'自治旗',
	'民族乡',
	'民族镇',
	'办事处',
	'新区',
	'街道',
	'地区',
	'林区',
	'特区',
	'苏木',
	'省',
	'市',
	'区',
	'县',
	'旗',
	'盟',
	'镇',
	'乡'
];

/** The 55 ethnic groups' short names as they appear before 自治县 / 民族乡 (longest first). */
const PEOPLES = (
	'柯尔克孜 乌孜别克 鄂伦春 达斡尔 维吾尔 哈萨克 塔吉克 塔塔尔 俄罗斯 鄂温克 蒙古 朝鲜 土家 哈尼 傈僳 ' +
	'拉祜 东乡 纳西 景颇 仫佬 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 德昂 保安 裕固 独龙 赫哲 门巴 珞巴 基诺 ' +
	'布依 高山 各 回 藏 苗 彝 壮 满 侗 瑶 白 傣 黎 佤 畲 水 土 羌 怒 京'
).split(' ');

/**
 * The distinctive part of a name: 浦东新区 → 浦东, 周庄镇 → 周庄, 长阳土家族自治县 → 长阳, 东华门街道 → 东华门.
 * A name that would shrink below two characters stays whole (城区, 矿区), since one character names nothing.
 */
export function coreName(name: string): string {
	let core = name;
	const suffix = SUFFIXES.find((s) => core.endsWith(s));
	if (suffix) core = core.slice(0, -suffix.length);
	if (suffix && /^(自治|民族)/.test(suffix)) {
		// 土家族苗族 → strip each people's 族 from the end.
		for (let again = true; again;) {
			again = false;
			// 新疆维吾尔自治区 names its people without 族.
			const ending = PEOPLES.map((p) => p + '族')
				.concat(suffix === '自治区' ? PEOPLES : [])
				.find((e) => core.endsWith(e));
			if (ending && core.length - ending.length >= 2) {
				core = core.slice(0, -ending.length);
				again = true;
			}
		}
	}
	return core.length >= 2 ? core : name;
}

/** True when the text holds a CJK ideograph (then it is matched as Chinese, else as Latin letters). */
export function hasHan(text: string): boolean {
	return /\p{Script=Han}/u.test(text);
}

/** Latin text as matched: lower case, no diacritics (Ürümqi → urumqi), pinyin's u: as v, letters and digits. */
export function foldLatin(text: string): string {
	return text
		.toLowerCase()
		.replace(/u:/g, 'v')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]/g, '');
}
