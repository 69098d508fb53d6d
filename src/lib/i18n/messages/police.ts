import { zhCN as tips, en as tipsEn } from './features/tips';
import { zhCN as admin, en as adminEn } from './features/admin';
import { zhCN as radius, en as radiusEn } from './features/radius';
import { zhCN as passkeys, en as passkeysEn } from './features/passkeys';
import { zhCN as exercise, en as exerciseEn } from './features/exercise';
import { zhCN as cap, en as capEn } from './features/cap';
import { zhCN as feeds, en as feedsEn } from './features/feeds';
import { zhCN as widget, en as widgetEn } from './features/widget';
import { zhCN as consoleTexts, en as consoleTextsEn } from './features/console';
import { zhCN as partners, en as partnersEn } from './features/partners';
import { zhCN as closing, en as closingEn } from './features/case-editor';
import { zhCN as units, en as unitsEn } from './features/units';

/**
 * Catalogues that only the police console and the Worker use (tips inbox, admin, radius, passkeys, exercises,
 * CAP and feeds, the widget's embed page, console texts, partner webhooks): kept off the public pages' first load; the console's
 * layout loads them (loadPoliceCatalogues), ../all.ts registers them for the Worker and server rendering.
 */
export const policeZhCN = {
	...tips,
	...admin,
	...radius,
	...passkeys,
	...exercise,
	...cap,
	...feeds,
	...widget,
	...consoleTexts,
	...partners,
	...closing,
	...units
} as const;

export const policeEn: Record<keyof typeof policeZhCN, string> = {
	...tipsEn,
	...adminEn,
	...radiusEn,
	...passkeysEn,
	...exerciseEn,
	...capEn,
	...feedsEn,
	...widgetEn,
	...consoleTextsEn,
	...partnersEn,
	...closingEn,
	...unitsEn
};
