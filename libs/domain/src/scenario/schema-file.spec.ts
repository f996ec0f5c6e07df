import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema } from './schema';

describe('scenarios/schema.json', () => {
  it('is the JSON Schema generated from the zod schema (regenerate with `npm run schema`)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', '..', 'scenarios', 'schema.json'), 'utf8');
    expect(committed).toBe(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  });
});
