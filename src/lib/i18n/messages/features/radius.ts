/** Texts of one console feature, kept apart so features can grow without touching each other's lines. */
export const zhCN = {} as const;

export const en: Record<keyof typeof zhCN, string> = {};
