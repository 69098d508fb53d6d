/** Police units (issue 21): the console's approval screen and admin screens. */
export const zhCN = {
	'units.higherApproval': '此警报的范围超出本单位的权限，需要{unit}的审核员批准。',
	'units.outsideJurisdiction': '该地点不在本单位辖区内。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'units.higherApproval':
		'This alert reaches beyond what the unit may send on its own: an approver of {unit} must approve it.',
	'units.outsideJurisdiction': 'This place lies outside your unit’s area.'
};
