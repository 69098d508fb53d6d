import { formatDateTime, translate } from '../i18n';
import type { Case, Lang } from '../schemas';

export interface ShareTags {
	title: string;
	description: string;
	/** Absolute: crawlers do not resolve relative URLs. Null once found (the photo leaves public view). */
	image: string | null;
	url: string;
}

/** What a shared link's card says (Open Graph, Twitter): name, age, place and time; "found" once resolved. */
export function shareTags(c: Case, lang: Lang, pageUrl: URL): ShareTags {
	const url = new URL(`/cases/${encodeURIComponent(c.id)}`, pageUrl).href;
	if (c.status === 'resolved')
		return {
			title: translate(lang, 'share.foundTitle', { name: c.childName }),
			description: translate(lang, 'case.resolvedBanner', { name: c.childName }),
			image: null,
			url
		};
	return {
		title: translate(lang, 'case.title', { name: c.childName, age: c.age }),
		description: translate(lang, 'share.description', {
			name: c.childName,
			age: c.age,
			place: c.placeName,
			time: formatDateTime(lang, c.lastSeenAt)
		}),
		image: c.photoUrl ? new URL(c.photoUrl, pageUrl).href : null,
		url
	};
}
