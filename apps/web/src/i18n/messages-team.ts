/** The team page's UI strings (keys start with `team.`); merged into `messages.ts`. */
export const teamJa = {} as const satisfies Record<string, string>;

export const teamEn: Record<keyof typeof teamJa, string> = {};
