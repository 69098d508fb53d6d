/** While sending is paused, queue messages come back this much later and carry on where they stopped. */
export const PAUSE_RECHECK_SECONDS = 30;
