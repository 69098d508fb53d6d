/** A child's privacy after recovery (issue 9): what a case page says once the retention period is over. */
export const zhCN = {
	'privacy.retained': '为保护孩子的隐私，照片和详细信息已于 {time} 删除。',
	/** The audit log's name for the retention sweep's reduction of a case (functions/cron/retention.ts). */
	'privacy.auditAction': '到期删除照片与详情'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'privacy.retained': 'To protect the child’s privacy, the photo and details were deleted on {time}.',
	'privacy.auditAction': 'retention: photo and details deleted'
};
