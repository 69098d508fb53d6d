/**
 * "2026-11-28 02:05:09" for an ISO instant. Console logs (audit, webhook deliveries) show UTC on purpose: one
 * clock for every reader, the CSV export and a partner's own logs, which are usually UTC too.
 */
export const utcStamp = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
