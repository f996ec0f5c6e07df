import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ScenarioFileSchema, scenarioJsonSchema } from './schema';

/**
 * The JSON Schema is what editors use to flag mistakes as people type. No JSON Schema validator is
 * installed, so these tests check its structure, and walk it by hand for the two things an editor
 * must get right: unknown keys and missing required keys.
 */

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
}

const FIXTURES = join(__dirname, 'fixtures');

function fixtureData(name: string): unknown {
  return parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Is this `oneOf` branch the one for `value`? Timeline entries are told apart by `kind`. */
function fitsKind(schema: JsonSchema, value: unknown): boolean {
  const kind = schema.properties?.kind;
  if (!isRecord(value) || !kind) return false;
  return kind.const !== undefined ? value.kind === kind.const : (kind.enum?.includes(value.kind) ?? false);
}

/** Unknown and missing keys in `value` according to `schema`, as dotted paths. */
function keyProblems(schema: JsonSchema, value: unknown, path = ''): string[] {
  const at = (key: string | number): string => (path ? `${path}.${key}` : String(key));
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const branch = branches.find((b) => fitsKind(b, value)) ?? branches.find((b) => b.type === 'object');
    return branch && isRecord(value) ? keyProblems(branch, value, path) : [];
  }
  if (Array.isArray(value) && schema.items) return value.flatMap((item, i) => keyProblems(schema.items!, item, at(i)));
  if (!isRecord(value) || !schema.properties) return [];
  const problems: string[] = [];
  for (const key of schema.required ?? []) if (!(key in value)) problems.push(`missing ${at(key)}`);
  for (const [key, item] of Object.entries(value)) {
    const property = schema.properties[key];
    if (property) problems.push(...keyProblems(property, item, at(key)));
    else if (schema.additionalProperties === false) problems.push(`unknown ${at(key)}`);
  }
  return problems;
}

/** Every object schema with fixed properties, with its path in the JSON Schema. */
function objectSchemas(schema: JsonSchema, path = '#'): [string, JsonSchema][] {
  const found: [string, JsonSchema][] = schema.properties ? [[path, schema]] : [];
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    found.push(...objectSchemas(property, `${path}/properties/${key}`));
  }
  if (schema.items) found.push(...objectSchemas(schema.items, `${path}/items`));
  (schema.oneOf ?? []).forEach((branch, i) => found.push(...objectSchemas(branch, `${path}/oneOf/${i}`)));
  (schema.anyOf ?? []).forEach((branch, i) => found.push(...objectSchemas(branch, `${path}/anyOf/${i}`)));
  if (isRecord(schema.additionalProperties)) {
    found.push(...objectSchemas(schema.additionalProperties as JsonSchema, `${path}/additionalProperties`));
  }
  return found;
}

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as JsonSchema & { $schema?: string };

  it('is a draft 2020-12 object schema that refuses unknown top-level keys', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
  });

  it('lists every top-level key of the scenario format, and requires only those without a default', () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(ScenarioFileSchema.shape).sort());
    expect(schema.properties).toMatchObject({
      id: { type: 'string' },
      duration: { type: 'string', default: '08:00' },
      products: { type: 'array', items: { type: 'object', additionalProperties: false } },
      timeline: { type: 'array' },
    });
    expect([...(schema.required ?? [])].sort()).toEqual(['demand', 'id', 'products', 'title']);
  });

  it('is strict all the way down: every object with fixed keys refuses others', () => {
    const objects = objectSchemas(schema);
    expect(objects.length).toBeGreaterThan(20);
    const loose = objects.filter(([, s]) => s.additionalProperties !== false).map(([path]) => path);
    expect(loose).toEqual([]);
  });

  it('describes both kinds of timeline entry', () => {
    const branches = schema.properties?.timeline?.items?.oneOf ?? [];
    expect(branches).toHaveLength(2);
    expect(branches.map((b) => b.properties?.kind?.const ?? b.properties?.kind?.enum)).toEqual([
      'attack',
      ['inquiry', 'complaint', 'order', 'briefing', 'press', 'external-report', 'notice'],
    ]);
  });
});

describe('the fixtures against the schemas', () => {
  const schema = scenarioJsonSchema() as JsonSchema;

  it('the valid fixture passes the zod schema and has no key problems in the JSON Schema', () => {
    const data = fixtureData('valid-small.yaml');
    const parsed = ScenarioFileSchema.safeParse(data);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(keyProblems(schema, data)).toEqual([]);
  });

  it('a fixture with unknown keys fails the zod schema and the JSON Schema, at the same keys', () => {
    const data = fixtureData('unknown-keys.yaml');
    const parsed = ScenarioFileSchema.safeParse(data);
    expect(parsed.success).toBe(false);
    const unknown = (parsed.error?.issues ?? []).flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [],
    );
    expect(unknown.sort()).toEqual(['descripton', 'timeline.1.respnse']);
    expect(keyProblems(schema, data).sort()).toEqual(['unknown descripton', 'unknown timeline.1.respnse']);
  });

  it('a fixture missing a required key fails both', () => {
    const data = fixtureData('schema-errors.yaml');
    expect(ScenarioFileSchema.safeParse(data).success).toBe(false);
    expect(keyProblems(schema, data)).toContain('missing timeline.0.subject');
  });
});
