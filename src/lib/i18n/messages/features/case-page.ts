// The case page's first screen (issue 22): what a found child's page says, and the clue button beside the call.
export const zhCN = {
	'case.foundAt': '已于 {time} 找到',
	'case.haveClue': '我有线索'
};

export const en: Record<keyof typeof zhCN, string> = {
	'case.foundAt': 'Found on {time}',
	'case.haveClue': 'I have a clue'
};
