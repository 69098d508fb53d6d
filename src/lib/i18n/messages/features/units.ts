/** Police units (issue 21): the console's approval screen and admin screens. */
export const zhCN = {
	'units.higherApproval': '此警报的范围超出本单位的权限，需要{unit}的审核员批准。',
	'units.outsideJurisdiction': '该地点不在本单位辖区内：请联系所在地的公安机关发布，或由其移交。',
	'units.higherRequired': '此警报的范围超出您所在单位的权限，需要上级单位的审核员批准。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'units.higherApproval':
		'This alert reaches beyond what the unit may send on its own: an approver of {unit} must approve it.',
	'units.outsideJurisdiction':
		'This place lies outside your unit’s area: ask the unit there to publish, or to take the case over.',
	'units.higherRequired':
		'This alert reaches beyond what your unit may approve: an approver of a unit above must approve it.'
};
