/**
 * The console's case editor and closing a case (issue 22): the empty choice of a required field, the
 * confirmation before every phone is told, and delivery progress.
 */
export const zhCN = {
	'police.choose': '请选择',
	'closing.resolveTitle': '确认孩子已找到？',
	'closing.resolveBody':
		'确认后，案件将标记为已找到，照片从公开页面移除，并立即向收到警报的 {n} 部手机发送“已找到”通知。此操作无法撤回。',
	'closing.cancelTitle': '确认撤销这条警报（误发）？',
	'closing.cancelBody':
		'确认后，警报将被撤销，公开页面不再显示孩子的信息，并立即向收到警报的 {n} 部手机发送“误发撤销”通知。此操作无法撤回。',
	'closing.countUnknown': '无法读取送达人数，仍将通知所有收到警报的手机。',
	'closing.confirmResolve': '确认已找到，通知所有手机',
	'closing.confirmCancel': '确认撤销，通知所有手机',
	'closing.back': '返回',
	'progress.alert': '警报',
	'progress.update': '进展更新',
	'progress.resolved': '“已找到”通知',
	'progress.cancelled': '“误发撤销”通知',
	'progress.counts':
		'{done} / {selected} 已处理 · 送达 {delivered} · 失效 {gone} · 失败 {failed} · 待发 {pending}'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'police.choose': 'Choose…',
	'closing.resolveTitle': 'Confirm the child has been found?',
	'closing.resolveBody':
		'The case will be marked found, the photo taken off public pages, and the {n} phones the alert reached are told at once that the child was found. This cannot be undone.',
	'closing.cancelTitle': 'Withdraw this alert as sent in error?',
	'closing.cancelBody':
		'The alert will be withdrawn, public pages stop showing the child, and the {n} phones the alert reached are told at once that it was sent in error. This cannot be undone.',
	'closing.countUnknown':
		'The number of phones reached could not be read; every phone the alert reached will still be told.',
	'closing.confirmResolve': 'Yes, found: tell every phone',
	'closing.confirmCancel': 'Yes, withdraw: tell every phone',
	'closing.back': 'Back',
	'progress.alert': 'Alert',
	'progress.update': 'Updates',
	'progress.resolved': '“Found” message',
	'progress.cancelled': '“Sent in error” message',
	'progress.counts':
		'{done} / {selected} done · delivered {delivered} · gone {gone} · failed {failed} · pending {pending}'
};
