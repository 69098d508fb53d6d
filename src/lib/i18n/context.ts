import { getContext, setContext } from 'svelte';
import type { Lang } from '../schemas/common';
import { translate, type MessageKey, type Params } from './translate';

const KEY = Symbol('i18n');

export interface I18n {
	readonly lang: Lang;
	t(key: MessageKey, params?: Params): string;
}

/** Called once by the root layout; `currentLang` is read on every call so a language switch re-renders. */
export function provideI18n(currentLang: () => Lang): I18n {
	const i18n: I18n = {
		get lang() {
			return currentLang();
		},
		t: (key, params) => translate(currentLang(), key, params)
	};
	return setContext(KEY, i18n);
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}

export const LANG_COOKIE = 'reunion_lang';
