import { formatDateTime, translate } from '../i18n';
import type { Case, Lang } from '../schemas';
import type { PosterContent } from './poster-svg';

/** What a poster of this case says in `lang`; the same words on the A4 page and the phone image. */
export function posterContent(c: Case, lang: Lang, caseUrl: string, photo: string | null): PosterContent {
	const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
		translate(lang, key, params);
	const resolved = c.status === 'resolved';
	const facts: Array<[string, string]> = [
		[t('case.age'), t('common.ageYears', { n: c.age })],
		[t('case.sex'), t(`sex.${c.sex}`)]
	];
	if (c.heightCm) facts.push([t('case.height'), t('case.heightValue', { n: c.heightCm })]);
	if (c.clothing) facts.push([t('case.clothing'), c.clothing]);
	facts.push([t('case.missingSince'), formatDateTime(lang, c.lastSeenAt)]);
	facts.push([t('case.place'), c.placeName]);
	return {
		caseUrl,
		resolved,
		headline: resolved ? t('poster.found') : t('poster.missing'),
		name: c.childName,
		facts,
		hotline: resolved ? t('poster.foundThanks') : t('poster.hotline', { phone: c.contactPhone }),
		scanHint: t('poster.scan'),
		// A found child's photo leaves every surface, posters first (issue 9).
		photo: resolved ? null : photo
	};
}
