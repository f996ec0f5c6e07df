/**
 * `{{name}}` placeholders in attack steps, replaced by values extracted by earlier steps. Values
 * go in as extracted: a scenario that puts one into a path or query encodes it there itself.
 * A placeholder nothing defined is a scenario bug, reported as such rather than sent literally.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class UnknownPlaceholderError extends Error {
  constructor(readonly variable: string) {
    super(`no earlier step extracted {{${variable}}}`);
    this.name = 'UnknownPlaceholderError';
  }
}

export function substitutePlaceholders(text: string, variables: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = variables.get(name);
    if (value === undefined) throw new UnknownPlaceholderError(name);
    return value;
  });
}

/** Substitutes in every string leaf (object keys are left alone). */
export function substituteInJson(value: unknown, variables: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return substitutePlaceholders(value, variables);
  if (Array.isArray(value)) return value.map((item) => substituteInJson(item, variables));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteInJson(item, variables)]));
  }
  return value;
}
