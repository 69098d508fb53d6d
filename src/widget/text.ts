import { en, zhCN } from '../lib/i18n/messages/features/widget';

type Key = keyof typeof zhCN;

/** The widget's own lookup: importing the app's translate() would ship every catalogue to every host page. */
export function text(lang: 'zh-CN' | 'en', key: Key, params: Record<string, string | number> = {}): string {
	const template: string = (lang === 'en' ? en : zhCN)[key];
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}
