// Types of the module scripts/build-gazetteer.mjs writes beside this file (gitignored, built by `npm run build`).
export const cn: string;
export const world: string;
