/** The control page's UI strings (keys start with `control.`); merged into `messages.ts`. */
export const controlJa = {} as const satisfies Record<string, string>;

export const controlEn: Record<keyof typeof controlJa, string> = {};
