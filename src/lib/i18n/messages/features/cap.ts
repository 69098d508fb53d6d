/** Texts of CAP 1.2 documents (functions/feeds/cap.ts). */
export const zhCN = {
	'cap.event': '儿童失踪',
	'cap.senderName': '团圆 儿童失踪信息紧急发布平台',
	'cap.photo': '儿童照片',
	'cap.exerciseRestriction': '演练：仅发送到警员登记的设备。',
	'cap.link': 'CAP 1.2 文档'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'cap.event': 'Missing child',
	'cap.senderName': 'Reunion missing-child alerts',
	'cap.photo': 'Photo of the child',
	'cap.exerciseRestriction': "Exercise: sent only to officers' registered devices.",
	'cap.link': 'CAP 1.2 document'
};
