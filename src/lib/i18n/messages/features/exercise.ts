/** Texts of one console feature, kept apart so features can grow without touching each other's lines. */
export const zhCN = {
	'exercise.banner': '演练 EXERCISE — 不会发送给公众，只发送到民警登记的设备',
	'exercise.badge': '演练',
	/** The title prefix of every exercise notification (functions/fanout/messages.ts) and its preview. */
	'exercise.titlePrefix': '【演练】'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'exercise.banner': 'EXERCISE 演练 — never sent to the public, only to officers’ registered devices',
	'exercise.badge': 'Exercise',
	'exercise.titlePrefix': '[EXERCISE] '
};
