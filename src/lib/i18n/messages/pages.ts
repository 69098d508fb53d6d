import { zhCN as developers, en as developersEn } from './features/developers';
import { zhCN as quietHours, en as quietHoursEn } from './features/quiet-hours';
import { zhCN as check, en as checkEn } from './features/check';

/**
 * Public catalogues that one page alone uses (/developers; /regions with its delivery check, quiet hours and
 * mute buttons): kept off the home page's first load (issue 9's 65 KB budget). Those pages' loads await
 * loadPageCatalogues; ../all.ts registers them for the Worker (the quiet-hours summary), server rendering and
 * the service worker.
 */
export const pagesZhCN = {
	...developers,
	...quietHours,
	...check
} as const;

export const pagesEn: Record<keyof typeof pagesZhCN, string> = {
	...developersEn,
	...quietHoursEn,
	...checkEn
};
