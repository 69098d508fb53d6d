/** Texts of CAP 1.2 documents (functions/feeds/cap.ts). */
export const zhCN = {
	'cap.event': '儿童失踪',
	'cap.senderName': '团圆 儿童失踪信息紧急发布平台',
	'cap.photo': '儿童照片',
	'cap.exerciseRestriction': '演练：仅发送到警员登记的设备。',
	'cap.link': 'CAP 1.2 文档',
	'cap.instruction': '如有线索，请拨打 {phone} 或 110 报警。',
	'cap.instruction110': '如有线索，请拨打 110 报警。',
	'cap.withdrawnHeadline': '警报已撤销：误发',
	'cap.withdrawnDescription': '此警报系误发，已撤销。请删除此前收到的信息。',
	'cap.radiusText': '警报范围扩大到最后出现地点周围 {radiusKm} 公里。',
	'cap.handedOverText': '本案已移交{unit}，由其负责发布与后续通报。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'cap.event': 'Missing Child',
	'cap.senderName': 'Reunion missing-child alerts',
	'cap.photo': 'Photo of the child',
	'cap.exerciseRestriction': "Exercise: sent only to officers' registered devices.",
	'cap.link': 'CAP 1.2 document',
	'cap.instruction': 'If you have seen this child, call {phone} or 110.',
	'cap.instruction110': 'If you have seen this child, call 110.',
	'cap.withdrawnHeadline': 'Alert withdrawn: sent in error',
	'cap.withdrawnDescription': 'This alert was sent in error and is withdrawn. Please disregard it.',
	'cap.radiusText': 'The alert now covers {radiusKm} km around the place last seen.',
	'cap.handedOverText':
		'This case has been handed over to {unit}, which issues its alerts and updates from now on.'
};
