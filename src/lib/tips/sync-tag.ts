/** Background Sync tag the page registers and the service worker answers (kept apart so neither pulls in the other). */
export const CLUE_SYNC_TAG = 'reunion-clues';
