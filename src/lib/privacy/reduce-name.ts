// API.md "Cases in public view": after the retention period a child's name is reduced to surname + 某
// (compound surnames kept whole: 欧阳娜娜 → 欧阳某) or, for a Latin-script name, its initial and a dot.

/**
 * Two-character surnames (复姓) still in use, from the Hundred Family Surnames and the 2020 census lists.
 * A name starting with one of these keeps both characters: 欧阳娜娜 is of the 欧阳 family, not 欧.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(
	(
		'欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫 西门 百里 ' +
		'呼延 万俟 闻人 赫连 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 仲孙 钟离 宰父 谷梁 拓跋 夹谷 段干 东郭 ' +
		'南门 羊舌 微生 梁丘 左丘 东门 公良 乐正 公羊 第五 司空 司寇 亓官 巫马 壤驷 漆雕 子车 颛孙 鲜于 闾丘 ' +
		'归海 哥舒 呼衍 公西 即墨 綦毋 ' +
		// Traditional forms, as a name typed in Hong Kong, Macao or Taiwan spells them.
		'歐陽 司馬 諸葛 東方 尉遲 長孫 鍾離 南宮 獨孤 公孫 軒轅 聞人 赫連 澹臺 淳於 單於'
	).split(' ')
);

const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/** The name as the public may see it once the retention period is over. */
export function reduceName(name: string): string {
	const trimmed = name.trim();
	const first = [...trimmed].find((ch) => LETTER.test(ch));
	if (!first) return '某';
	if (!HAN.test(first)) return `${first.toLocaleUpperCase()}.`;
	const start = trimmed.indexOf(first);
	const two = [...trimmed.slice(start)].slice(0, 2).join('');
	return `${COMPOUND_SURNAMES.has(two) ? two : first}某`;
}
