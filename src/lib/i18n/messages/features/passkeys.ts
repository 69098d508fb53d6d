/** Texts of one console feature, kept apart so features can grow without touching each other's lines. */
export const zhCN = {
	'passkeys.signIn': '使用通行密钥登录',
	'passkeys.or': '或使用密码登录',
	'passkeys.account': '账户与通行密钥',
	'passkeys.title': '通行密钥',
	'passkeys.intro':
		'通行密钥保存在您的手机或安全密钥中，无法被钓鱼网站骗取。审批人和管理员必须使用通行密钥登录才能审批和管理。',
	'passkeys.none': '您还没有通行密钥。',
	'passkeys.name': '通行密钥名称（例如：我的工作手机）',
	'passkeys.add': '添加通行密钥',
	'passkeys.added': '通行密钥已添加。下次请用它登录。',
	'passkeys.remove': '删除 {name}',
	'passkeys.removeWarning': '删除“{name}”后，就不能再用它登录。',
	'passkeys.removeConfirm': '确认删除 {name}',
	'passkeys.defaultName': '通行密钥',
	'passkeys.created': '添加于 {at}',
	'passkeys.lastUsed': '上次使用：{at}',
	'passkeys.neverUsed': '尚未使用',
	'passkeys.required':
		'您的角色需要使用通行密钥登录后才能审批或管理。请先添加通行密钥，然后退出并用通行密钥重新登录。',
	'passkeys.requiredLink': '添加通行密钥',
	'passkeys.failed': '通行密钥验证未通过，请重试。',
	'passkeys.cancelled': '已取消通行密钥操作。',
	'passkeys.unavailable': '通行密钥不能在 IP 地址上使用，请打开 {url}。',
	'passkeys.unsupported': '此浏览器不支持通行密钥，请使用密码登录。'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'passkeys.signIn': 'Sign in with a passkey',
	'passkeys.or': 'or sign in with a password',
	'passkeys.account': 'Account and passkeys',
	'passkeys.title': 'Passkeys',
	'passkeys.intro':
		'A passkey lives on your phone or security key and cannot be phished. Approvers and admins must sign in with a passkey to approve and administer.',
	'passkeys.none': 'You have no passkey yet.',
	'passkeys.name': 'Passkey name (e.g. my work phone)',
	'passkeys.add': 'Add a passkey',
	'passkeys.added': 'Passkey added. Use it the next time you sign in.',
	'passkeys.remove': 'Remove {name}',
	'passkeys.removeWarning': 'Once “{name}” is removed you can no longer sign in with it.',
	'passkeys.removeConfirm': 'Yes, remove {name}',
	'passkeys.defaultName': 'Passkey',
	'passkeys.created': 'Added {at}',
	'passkeys.lastUsed': 'Last used {at}',
	'passkeys.neverUsed': 'Not used yet',
	'passkeys.required':
		'Your role needs a passkey sign-in to approve or administer. Add a passkey, then sign out and sign in with it.',
	'passkeys.requiredLink': 'Add a passkey',
	'passkeys.failed': 'The passkey was not accepted. Try again.',
	'passkeys.cancelled': 'The passkey request was cancelled.',
	'passkeys.unavailable': 'Passkeys do not work on an IP address. Open {url}.',
	'passkeys.unsupported': 'This browser does not support passkeys. Sign in with your password.'
};
