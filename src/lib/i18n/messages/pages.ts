import { zhCN as developers, en as developersEn } from './features/developers';
import { zhCN as quietHours, en as quietHoursEn } from './features/quiet-hours';
import { zhCN as check, en as checkEn } from './features/check';
import { zhCN as places, en as placesEn } from './features/places';
import { zhCN as poster, en as posterEn } from './features/poster';
import { zhCN as share, en as shareEn } from './features/share';
import { zhCN as mapOnDemand, en as mapOnDemandEn } from './features/map-on-demand';

/**
 * Public catalogues the home page does not use (/developers; /regions with its delivery check, quiet hours, mute
 * buttons and place search; a case page's place search, sharing and posters; the console's place field): kept off
 * the home page's first load (issue 9's 65 KB budget). Those pages' loads await loadPageCatalogues (the console's
 * through loadPoliceCatalogues); ../all.ts registers them for the Worker (the quiet-hours summary, posters),
 * server rendering and the service worker.
 */
export const pagesZhCN = {
	...developers,
	...quietHours,
	...check,
	...places,
	...poster,
	...share,
	...mapOnDemand
} as const;

export const pagesEn: Record<keyof typeof pagesZhCN, string> = {
	...developersEn,
	...quietHoursEn,
	...checkEn,
	...placesEn,
	...posterEn,
	...shareEn,
	...mapOnDemandEn
};
