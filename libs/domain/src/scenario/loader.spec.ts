import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatIssue,
  loadScenarioOrThrow,
  MAX_SCENARIO_ISSUES,
  parseScenario,
  ScenarioError,
  type ScenarioIssue,
} from './loader';

const FIXTURES = join(__dirname, 'fixtures');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function issuesOf(source: string, file: string): ScenarioIssue[] {
  const result = parseScenario(source, file);
  if (result.ok) throw new Error(`${file} was expected to fail but loaded`);
  return result.issues;
}

function fixtureIssues(name: string): ScenarioIssue[] {
  return issuesOf(fixture(name), name);
}

/** `line:column path` of each issue: positions are what an editor jumps to, so test them exactly. */
function positions(issues: ScenarioIssue[]): string[] {
  return issues.map((i) => `${i.line}:${i.column} ${i.path}`);
}

/** The smallest valid scenario (10 lines), to append a defect to. */
const TINY = `id: tiny
title: { ja: 小さな店, en: A tiny shop }
products:
  - id: tea
    name: { ja: お茶, en: Tea }
    listPriceYen: 1000
    unitCostYen: 400
    initialStock: 10
demand:
  - { at: '00:00', customersPerTick: 3 }
`;

describe('parseScenario: a valid file', () => {
  const result = parseScenario(fixture('valid-small.yaml'), 'valid-small.yaml');
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  const { scenario, file } = result;

  it('compiles game times to minutes', () => {
    expect(scenario.durationMinutes).toBe(120);
    expect(scenario.clockStartsAtMinutes).toBe(9 * 60);
    expect(scenario.tickMinutes).toBe(1);
    expect(scenario.seed).toBe(42);
    expect(scenario.version).toBe(2);
  });

  it('sorts the demand curve and the timeline by minute (then id)', () => {
    expect(scenario.demand).toEqual([
      { atMinute: 0, customersPerTick: 5 },
      { atMinute: 60, customersPerTick: 12 },
      { atMinute: 120, customersPerTick: 4 },
    ]);
    expect(scenario.timeline.map((e) => [e.atMinute, e.id])).toEqual([
      [5, 'notice-1'],
      [10, 'deface-1'],
      [10, 'order-1'],
      [30, 'inq-1'], // written unquoted (`at: 00:30`): YAML 1.2 reads it as text, not a number
      [75, 'press-1'],
    ]);
  });

  it('fills in defaults: units, addressed units, targets, economy, trust, popularity, rubric weights', () => {
    expect(scenario.units.map((u) => u.id)).toEqual(['management', 'sales', 'support', 'pr', 'tech', 'csirt']);
    const unitOf = Object.fromEntries(scenario.timeline.map((e) => [e.id, e.unit]));
    expect(unitOf).toEqual({
      'notice-1': 'management',
      'deface-1': 'tech',
      'order-1': 'sales', // explicit
      'inq-1': 'support',
      'press-1': 'pr',
    });
    const attack = scenario.timeline.find((e) => e.id === 'deface-1');
    expect(attack).toMatchObject({ kind: 'attack', attackId: 'admin-deface', targets: [1, 2] });
    expect(scenario.timeline.find((e) => e.id === 'inq-1')?.targets).toBe('all');
    expect(scenario.economy).toEqual({
      startingCashYen: 1_000_000,
      elasticity: 1.5,
      loanLimitYen: 3_000_000,
      loanInterestPerHour: 0.005,
      adCostYen: 300_000,
      adBoost: 1.3,
      adMinutes: 60,
    });
    expect(scenario.trust.leak).toBe(0.2);
    expect(scenario.crawler.journeyTimeoutMs).toBe(5000);
    expect(scenario.shop).toEqual({ vulnerabilities: ['default-admin-password'], customers: 50 });
    expect(scenario.products.map((p) => [p.id, p.popularity])).toEqual([
      ['green-tea', 1],
      ['tea-cup', 0.5],
    ]);
    const inquiry = scenario.timeline.find((e) => e.id === 'inq-1');
    expect(inquiry?.kind !== 'attack' && inquiry?.response).toEqual({
      points: 10,
      deadlineMinutes: 30,
      rubric: [
        { id: 'apology', text: { ja: 'お詫びしている', en: 'Apologises' }, weight: 1, keywords: ['申し訳', 'sorry'] },
        {
          id: 'next-step',
          text: { ja: '次の対応を示している', en: 'Says what happens next' },
          weight: 2,
          keywords: [],
        },
      ],
    });
  });

  it('keeps attack scripts as written, with extraction and placeholders', () => {
    expect(scenario.attacks).toHaveLength(1);
    const [login, deface] = scenario.attacks[0].steps;
    expect(login.request.method).toBe('POST');
    expect(login.extract?.sid).toEqual({ from: 'header', header: 'set-cookie', regex: 'sid=(\\w+)' });
    expect(deface.request.method).toBe('PUT');
    expect(deface.request.headers).toEqual({ cookie: 'sid={{sid}}', 'x-csrf-token': '{{csrf}}' });
    expect(deface.request.json).toEqual({ html: '<h1>Hacked</h1>', meta: { by: '{{sid}}', tags: ['x', '{{csrf}}'] } });
    expect(scenario.attacks[0].effects).toEqual([{ kind: 'deface' }]);
  });

  it('returns the schema-checked file beside the compiled scenario', () => {
    expect(file.duration).toBe('02:00');
    expect(file.timeline.map((e) => e.at)).toEqual(['00:30', '00:10', '01:15', '00:10', '00:05']);
  });

  it('loadScenarioOrThrow returns the same scenario', () => {
    expect(loadScenarioOrThrow(fixture('valid-small.yaml'), 'valid-small.yaml')).toEqual(scenario);
  });

  it('accepts a few aliases to reuse a block', () => {
    const withAlias = `${TINY}description: &hello { ja: こんにちは, en: Hello }
timeline:
  - { id: n, at: '00:01', kind: notice, subject: *hello, body: *hello }
`;
    const loaded = loadScenarioOrThrow(withAlias, 'alias.yaml');
    expect(loaded.timeline[0]).toMatchObject({ subject: { ja: 'こんにちは', en: 'Hello' } });
  });
});

describe('parseScenario: YAML problems', () => {
  // Broken YAML stays inline: as fixture files it would fail `prettier --check .` (npm run lint).
  it('reports every syntax error, not just the first', () => {
    const source = [
      '# Two independent YAML syntax errors: both must be reported.',
      'id: tiny',
      'title: { ja: 小さな店, en: A tiny shop',
      'products:',
      '  - id: tea',
      '    name: "Tea',
      '',
    ].join('\n');
    const issues = issuesOf(source, 'syntax-errors.yaml');
    expect(positions(issues)).toEqual(['4:1 ', '7:1 ']);
    expect(formatIssue(issues[0])).toBe(
      'syntax-errors.yaml:4:1: YAML syntax error: flow map in block collection must be sufficiently indented and end with a }',
    );
    expect(issues[1].message).toBe('YAML syntax error: missing closing "quote');
  });

  it('refuses tab indentation at each tab', () => {
    const issues = issuesOf('id: tiny\ntitle:\n\tja: 小さな店\n\ten: A tiny shop\n', 'tab-indent.yaml');
    expect(positions(issues)).toEqual(['3:1 ', '4:1 ']);
    expect(issues[0].message).toBe('YAML syntax error: a tab is used for indentation; YAML indents with spaces only');
  });

  it('refuses a duplicate key, pointing at the second one and naming the first', () => {
    const issues = fixtureIssues('duplicate-key.yaml');
    expect(issues.map(formatIssue)).toEqual([
      'duplicate-key.yaml:12:1: title: duplicate key "title": it is already set at line 2',
    ]);
  });

  it('refuses a second document', () => {
    expect(fixtureIssues('multiple-documents.yaml').map(formatIssue)).toEqual([
      'multiple-documents.yaml:11:1: a second YAML document starts here ("---"); a scenario file holds exactly one document',
    ]);
  });

  it('refuses an empty file and a file of comments only', () => {
    for (const source of ['', '\n\n', '# nothing here yet\n']) {
      expect(issuesOf(source, 'empty.yaml').map(formatIssue)).toEqual([
        'empty.yaml:1:1: the file is empty; a scenario is a mapping with at least id, title, products, demand',
      ]);
    }
  });

  it('refuses a top level that is a list or a single value', () => {
    expect(fixtureIssues('top-level-list.yaml').map(formatIssue)).toEqual([
      'top-level-list.yaml:1:1: the top level must be a mapping of keys (id, title, products, demand, ...), not a list',
    ]);
    expect(issuesOf('just some text\n', 'text.yaml')[0].message).toMatch(/not a single value$/);
  });

  it('suggests quoting a flow value that holds ": "', () => {
    const source = TINY.replace('{ ja: お茶, en: Tea }', '{ ja: お茶: 緑, en: Tea }');
    const issues = issuesOf(source, 'flow.yaml');
    expect(positions(issues)).toEqual(['5:17 ']);
    expect(issues[0].message).toMatch(/quote text that contains ": "$/);
  });

  it('refuses alias bombs before they expand', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    const issues = issuesOf(bomb, 'bomb.yaml');
    expect(positions(issues)).toEqual(['2:8 ']);
    expect(issues[0].message).toMatch(/^aliases \(\*name\) expand to too much data/);
  });

  it('refuses an alias without an anchor', () => {
    expect(issuesOf(`${TINY}description: *text\n`, 'alias.yaml').map(formatIssue)).toEqual([
      'alias.yaml:11:14: description: alias *text has no anchor &text defined before it',
    ]);
  });

  it('refuses YAML tags other than the plain core ones', () => {
    const issues = issuesOf(`${TINY}seed: !!binary aGVsbG8=\ndescription: !secret x\n`, 'tags.yaml');
    expect(positions(issues)).toEqual(['11:7 seed', '12:14 description']);
    expect(issues[0].message).toBe('the YAML tag !!binary is not allowed in a scenario file');
    expect(loadScenarioOrThrow(`${TINY}seed: !!int "7"\n`, 'int.yaml').seed).toBe(7);
  });

  it('refuses YAML 1.1, where 09:00 is a number', () => {
    expect(issuesOf(`%YAML 1.1\n---\n${TINY}`, 'v11.yaml').map(formatIssue)).toEqual([
      'v11.yaml:1:1: scenario files are YAML 1.2; remove the %YAML 1.1 directive',
    ]);
  });

  it('counts lines and columns the same with CRLF line ends and a byte order mark', () => {
    const source = `\uFEFF${TINY}oops: 1\n`.replace(/\n/g, '\r\n');
    expect(positions(issuesOf(source, 'crlf.yaml'))).toEqual(['11:1 oops']);
  });

  it('refuses keys that are not plain names', () => {
    expect(positions(issuesOf(`${TINY}? [a, b]\n: c\n`, 'complex.yaml'))).toEqual(['11:3 ']);
  });

  it('fails fast and clearly on a 2 MB file of junk', () => {
    let state = 12345;
    const junkChars = 'abc:-[]{}#&*!|>\'"%@`, \n\t?\0';
    const junk = Array.from({ length: 2 * 1024 * 1024 }, () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return junkChars[state % junkChars.length];
    }).join('');
    const started = performance.now();
    const issues = issuesOf(junk, 'junk.bin');
    expect(performance.now() - started).toBeLessThan(500);
    expect(issues.map(formatIssue)).toEqual([
      'junk.bin:1:1: the file is larger than 1 MB; a scenario file is a few hundred kB at most: is this the right file?',
    ]);
  });

  it('fails fast on deep nesting that would stall the YAML parser', () => {
    for (const source of ['- '.repeat(300_000) + 'x', '['.repeat(500_000), `a: ${'{b: '.repeat(100)}`]) {
      const started = performance.now();
      const issues = issuesOf(source, 'deep.yaml');
      expect(performance.now() - started).toBeLessThan(1000);
      expect(issues).toHaveLength(1);
      expect(issues[0].message).toMatch(/^YAML nesting deeper than 64 levels/);
    }
  });

  it('does not mistake a wide flow mapping for a deep one', () => {
    const wide = Array.from({ length: 100 }, (_, i) => `k${i}: v`).join(', ');
    const source = `${TINY}attacks:
  - { id: x, name: { ja: a, en: b }, steps: [{ request: { path: /, json: { ${wide} } }, expect: {} }] }
`;
    const loaded = loadScenarioOrThrow(source, 'wide.yaml');
    expect(Object.keys(loaded.attacks[0].steps[0].request.json as object)).toHaveLength(100);
  });

  it('reports at most a bounded number of issues, saying how many more there are', () => {
    const unknown = Array.from({ length: 80 }, (_, i) => `unknown${i}: 1`).join('\n');
    const issues = issuesOf(`${TINY}${unknown}\n`, 'many.yaml');
    expect(issues).toHaveLength(MAX_SCENARIO_ISSUES);
    expect(issues[MAX_SCENARIO_ISSUES - 1]).toMatchObject({
      line: 60,
      column: 1,
      message: '31 more problems not shown',
    });
  });
});

describe('parseScenario: schema problems', () => {
  it('points an unknown key at the key itself, at the top level and nested, with a suggestion', () => {
    expect(fixtureIssues('unknown-keys.yaml').map(formatIssue)).toEqual([
      'unknown-keys.yaml:11:1: descripton: unknown key "descripton"; did you mean "description"?',
      'unknown-keys.yaml:23:5: timeline.1.respnse: in timeline[1] (id "inq-1"): unknown key "respnse"; did you mean "response"?',
    ]);
  });

  it('lists the allowed keys when nothing is close', () => {
    const source = TINY.replace('initialStock: 10', 'initialStock: 10\n    colour: red');
    expect(issuesOf(source, 'colour.yaml').map(formatIssue)).toEqual([
      'colour.yaml:9:5: products.0.colour: in products[0] (id "tea"): unknown key "colour"; expected one of ' +
        'id, name, listPriceYen, unitCostYen, initialStock, popularity',
    ]);
  });

  it('explains a comma that split a flow value into an unknown key', () => {
    const source = TINY.replace('en: A tiny shop', 'en: A tiny shop, with tea');
    expect(issuesOf(source, 'comma.yaml').map(formatIssue)).toEqual([
      'comma.yaml:2:37: title.with tea: unknown key "with tea"; inside { ... } a comma ends the value: quote text that contains commas',
    ]);
  });

  it('reports several independent errors in one go, each where it is', () => {
    expect(fixtureIssues('schema-errors.yaml').map(formatIssue)).toEqual([
      'schema-errors.yaml:7:19: products.0.listPriceYen: in products[0] (id "tea"): expected a number, got "cheap"',
      'schema-errors.yaml:11:11: demand.0.at: must be a game time HH:MM, got "25:99"',
      'schema-errors.yaml:13:5: timeline.0.subject: in timeline[0] (id "inq-1"): required key "subject" is missing ' +
        '(text in both languages: { ja: ..., en: ... })',
      'schema-errors.yaml:19:24: timeline.0.response.deadlineMinutes: in timeline[0] (id "inq-1"): must be at least 1, got 0',
      'schema-errors.yaml:22:17: timeline.0.response.rubric.0.text: in timeline[0] (id "inq-1").response.rubric[0] ' +
        '(id "polite"): expected text in both languages: { ja: ..., en: ... }, got "Polite"',
    ]);
  });

  it('rejects a bad game time', () => {
    const issues = issuesOf(TINY.replace("at: '00:00'", "at: '25:99'"), 'time.yaml');
    expect(issues.map(formatIssue)).toEqual(['time.yaml:10:11: demand.0.at: must be a game time HH:MM, got "25:99"']);
  });

  it('rejects a wrong type', () => {
    const issues = issuesOf(TINY.replace('initialStock: 10', 'initialStock: [10]'), 'type.yaml');
    expect(issues.map(formatIssue)).toEqual([
      'type.yaml:8:19: products.0.initialStock: in products[0] (id "tea"): expected a number, got a list of 1 entry',
    ]);
    const fraction = issuesOf(TINY.replace('initialStock: 10', 'initialStock: 2.5'), 'int.yaml');
    expect(fraction[0].message).toBe('in products[0] (id "tea"): expected a whole number, got 2.5');
  });

  it('points a missing required field at the mapping that lacks it', () => {
    const issues = issuesOf(TINY.replace('    listPriceYen: 1000\n', ''), 'missing.yaml');
    expect(issues.map(formatIssue)).toEqual([
      'missing.yaml:4:5: products.0.listPriceYen: in products[0] (id "tea"): required key "listPriceYen" is missing',
    ]);
    const top = issuesOf(TINY.replace('id: tiny\n', ''), 'no-id.yaml');
    expect(top.map(formatIssue)).toEqual(['no-id.yaml:1:1: id: required key "id" is missing']);
  });

  it('points a key written without a value at the key', () => {
    const source = `${TINY}timeline:\n  - { id: n, at: '00:01', kind: notice, subject: { ja: a, en: b }, body: }\n`;
    expect(issuesOf(source, 'empty-value.yaml').map(formatIssue)).toEqual([
      'empty-value.yaml:12:68: timeline.0.body: in timeline[0] (id "n"): expected text in both languages: ' +
        '{ ja: ..., en: ... }, got an empty value',
    ]);
  });

  it('explains enums, discriminators and unions in plain words', () => {
    const source = `${TINY}timeline:
  - { id: a, at: '00:01', kind: inquery, subject: { ja: a, en: b }, body: { ja: a, en: b } }
  - { id: b, at: '00:01', kind: attack, attack: x, targets: some }
  - { id: c, at: '00:01', kind: attack, attack: x, targets: [0] }
  - { id: d, at: '00:01', kind: notice, unit: boss, subject: { ja: a, en: b }, body: { ja: a, en: b } }
`;
    expect(issuesOf(source, 'kinds.yaml').map(formatIssue)).toEqual([
      'kinds.yaml:12:33: timeline.0.kind: in timeline[0] (id "a"): kind must be one of "attack", "inquiry", ' +
        '"complaint", "order", "briefing", "press", "external-report", "notice", got "inquery"',
      'kinds.yaml:13:61: timeline.1.targets: in timeline[1] (id "b"): expected "all" or a list, got "some"',
      'kinds.yaml:14:62: timeline.2.targets.0: in timeline[2] (id "c").targets[0]: must be at least 1, got 0',
      'kinds.yaml:15:47: timeline.3.unit: in timeline[3] (id "d"): must be one of "management", "sales", "support", ' +
        '"pr", "tech", "csirt", got "boss"',
    ]);
  });

  it('names the rule for an extraction variable', () => {
    const source = `${TINY}attacks:
  - id: x
    name: { ja: a, en: b }
    steps:
      - request: { path: /, method: get }
        expect: { status: 200 }
        extract: { 1st: { from: body, regex: '(x)' } }
`;
    expect(issuesOf(source, 'extract.yaml').map(formatIssue)).toEqual([
      'extract.yaml:15:37: attacks.0.steps.0.request.method: in attacks[0] (id "x").steps[0]: must be one of "GET", ' +
        '"POST", "PUT", "DELETE", "PATCH", got "get"',
      'extract.yaml:17:20: attacks.0.steps.0.extract.1st: in attacks[0] (id "x").steps[0]: invalid key "1st": ' +
        'a variable name is letters, digits and "_", not starting with a digit',
    ]);
  });
});

describe('parseScenario: references and consistency', () => {
  it('reports every reference error in one go, each at the offending node', () => {
    expect(fixtureIssues('reference-errors.yaml').map(formatIssue)).toEqual([
      'reference-errors.yaml:11:9: products.1.id: in products[1] (id "tea"): duplicate product id "tea": ' +
        'products[0] at line 6 already has it',
      'reference-errors.yaml:18:11: demand.1.at: 01:30 is after the end of the game (duration 01:00)',
      'reference-errors.yaml:24:36: attacks.0.steps.0.expect.body.matches: in attacks[0] (id "steal").steps[0]: ' +
        '"(unclosed" is not a valid regular expression: Unterminated group',
      'reference-errors.yaml:28:17: attacks.0.steps.1.request.path: in attacks[0] (id "steal").steps[1]: ' +
        '{{sid}} is not extracted by an earlier step of attack "steal"; earlier steps extract token',
      'reference-errors.yaml:34:13: timeline.0.attack: in timeline[0] (id "attack-1"): unknown attack "stael"; ' +
        'defined attacks: steal',
      'reference-errors.yaml:35:9: timeline.1.id: in timeline[1] (id "attack-1"): duplicate timeline entry id ' +
        '"attack-1": timeline[0] at line 31 already has it',
      'reference-errors.yaml:36:9: timeline.1.at: in timeline[1] (id "attack-1"): 01:05 is not within the game: ' +
        'it must be before the end (duration 01:00)',
    ]);
  });

  it('rejects an unknown attack reference', () => {
    const source = `${TINY}timeline:\n  - { id: a, at: '01:00', kind: attack, attack: nope }\n`;
    expect(issuesOf(source, 'attack.yaml').map(formatIssue)).toEqual([
      'attack.yaml:12:49: timeline.0.attack: in timeline[0] (id "a"): unknown attack "nope"; the scenario defines no attacks',
    ]);
  });

  it('rejects duplicate ids among units, attacks and rubric items of one response', () => {
    const source = `${TINY}units:
  - { id: support, name: { ja: サポート, en: Support } }
  - { id: support, name: { ja: サポート, en: Support } }
attacks:
  - { id: x, name: { ja: a, en: b }, steps: [{ request: { path: / }, expect: {} }] }
  - { id: x, name: { ja: a, en: b }, steps: [{ request: { path: / }, expect: {} }] }
timeline:
  - id: q
    at: '00:01'
    kind: inquiry
    subject: { ja: a, en: b }
    body: { ja: a, en: b }
    response:
      points: 1
      deadlineMinutes: 5
      rubric:
        - { id: r, text: { ja: a, en: b } }
        - { id: r, text: { ja: a, en: b } }
  - id: q2
    at: '00:02'
    kind: inquiry
    subject: { ja: a, en: b }
    body: { ja: a, en: b }
    response: { points: 1, deadlineMinutes: 5, rubric: [{ id: r, text: { ja: a, en: b } }] }
`;
    expect(positions(issuesOf(source, 'ids.yaml'))).toEqual([
      '13:11 units.1.id',
      '16:11 attacks.1.id',
      '28:17 timeline.0.response.rubric.1.id',
    ]);
  });

  it('rejects times beyond the duration, duplicate demand times and a story clock past midnight', () => {
    const source = `${TINY}  - { at: '0:00', customersPerTick: 4 }
  - { at: '09:00', customersPerTick: 4 }
clockStartsAt: '17:00'
timeline:
  - { id: late, at: '08:00', kind: notice, subject: { ja: a, en: b }, body: { ja: a, en: b } }
`;
    expect(issuesOf(source, 'times.yaml').map(formatIssue)).toEqual([
      'times.yaml:11:11: demand.1.at: demand already has a point at 00:00 (demand[0], line 10)',
      'times.yaml:12:11: demand.2.at: 09:00 is after the end of the game (duration 08:00, the default)',
      'times.yaml:13:16: clockStartsAt: the story clock would run past 24:00: 17:00 + duration 08:00, the default ' +
        'ends at 25:00',
      'times.yaml:15:21: timeline.0.at: in timeline[0] (id "late"): 08:00 is not within the game: it must be ' +
        'before the end (duration 08:00, the default)',
    ]);
  });

  it('checks inbox units against the scenario units, explicit or by default', () => {
    const source = `${TINY}units:
  - { id: management, name: { ja: 経営, en: Management } }
  - { id: support, name: { ja: サポート, en: Support } }
timeline:
  - { id: a, at: '00:01', kind: notice, unit: pr, subject: { ja: a, en: b }, body: { ja: a, en: b } }
  - { id: b, at: '00:01', kind: press, subject: { ja: a, en: b }, body: { ja: a, en: b } }
  - { id: c, at: '00:01', kind: inquiry, subject: { ja: a, en: b }, body: { ja: a, en: b } }
`;
    expect(issuesOf(source, 'units.yaml').map(formatIssue)).toEqual([
      `units.yaml:15:47: timeline.0.unit: in timeline[0] (id "a"): unit "pr" is not one of this scenario's units ` +
        '(management, support)',
      `units.yaml:16:33: timeline.1.kind: in timeline[1] (id "b"): a press goes to unit "pr" unless it says ` +
        `otherwise, and this scenario's units (management, support) do not include it; set unit`,
    ]);
  });

  it('only lets a step use variables extracted by an earlier step', () => {
    const source = `${TINY}attacks:
  - id: x
    name: { ja: a, en: b }
    steps:
      - request: { path: '/{{early}}' }
        expect: {}
        extract: { early: { from: json, path: a } }
      - request:
          path: /ok/{{early}}
          form: { f: '{{ spaced }}' }
          json: [{ deep: ['{{later}}'] }]
        expect: {}
      - request: { path: /, headers: { h: '{{later}}' } }
        expect: {}
        extract: { later: { from: json, path: b } }
`;
    expect(issuesOf(source, 'vars.yaml').map(formatIssue)).toEqual([
      'vars.yaml:15:26: attacks.0.steps.0.request.path: in attacks[0] (id "x").steps[0]: {{early}} is not extracted ' +
        'by an earlier step of attack "x"; steps[0] extracts it, but a step can only use values extracted by the steps ' +
        'before it',
      'vars.yaml:19:11: attacks.0.steps.1.request: in attacks[0] (id "x").steps[1]: a request has either a form or a ' +
        'json body, not both',
      'vars.yaml:20:22: attacks.0.steps.1.request.form.f: in attacks[0] (id "x").steps[1]: {{ spaced }} is not a ' +
        'placeholder: write {{name}} with a variable name (letters, digits, "_")',
      'vars.yaml:21:27: attacks.0.steps.1.request.json.0.deep.0: in attacks[0] (id "x").steps[1].request.json[0]' +
        '.deep[0]: {{later}} is not extracted by an earlier step of attack "x"; steps[2] extracts it, but a step can ' +
        'only use values extracted by the steps before it',
      'vars.yaml:23:43: attacks.0.steps.2.request.headers.h: in attacks[0] (id "x").steps[2]: {{later}} is not ' +
        'extracted by an earlier step of attack "x"; steps[2] extracts it, but a step can only use values extracted ' +
        'by the steps before it',
    ]);
  });

  it('checks extractions and regular expressions', () => {
    const source = `${TINY}attacks:
  - id: x
    name: { ja: a, en: b }
    steps:
      - request: { path: / }
        expect:
          headers: { location: { matches: '[a-' }, server: {} }
        extract:
          a: { from: header, regex: '(x)' }
          b: { from: json, header: h }
          c: { from: body }
          d: { from: body, regex: 'no group' }
          e: { from: body, regex: '(?i)case' }
`;
    expect(issuesOf(source, 'extract.yaml').map(formatIssue)).toEqual([
      'extract.yaml:17:43: attacks.0.steps.0.expect.headers.location.matches: in attacks[0] (id "x").steps[0]: ' +
        '"[a-" is not a valid regular expression: Unterminated character class',
      'extract.yaml:17:60: attacks.0.steps.0.expect.headers.server: in attacks[0] (id "x").steps[0]: a text matcher ' +
        'needs at least one of contains, notContains, matches',
      'extract.yaml:19:14: attacks.0.steps.0.extract.a.header: in attacks[0] (id "x").steps[0]: from: header needs ' +
        'header (the name of the response header to read)',
      'extract.yaml:20:14: attacks.0.steps.0.extract.b.path: in attacks[0] (id "x").steps[0]: from: json needs path ' +
        '(a dot path into the JSON body, e.g. rows.0.card)',
      'extract.yaml:20:28: attacks.0.steps.0.extract.b.header: in attacks[0] (id "x").steps[0]: header is not used ' +
        'with from: json',
      'extract.yaml:21:14: attacks.0.steps.0.extract.c.regex: in attacks[0] (id "x").steps[0]: from: body needs ' +
        'regex (a regular expression with a capture group around the value)',
      'extract.yaml:22:35: attacks.0.steps.0.extract.d.regex: in attacks[0] (id "x").steps[0]: needs a capture ' +
        'group (...) around the value to extract',
      'extract.yaml:23:35: attacks.0.steps.0.extract.e.regex: in attacks[0] (id "x").steps[0]: "(?i)case" is not ' +
        'a valid regular expression: Invalid group',
    ]);
  });

  it('allows attacks that no inject uses and a unit cost above the list price', () => {
    const source = `${TINY.replace('unitCostYen: 400', 'unitCostYen: 4000')}attacks:
  - { id: unused, name: { ja: a, en: b }, steps: [{ request: { path: / }, expect: { status: 200 } }] }
`;
    expect(parseScenario(source, 'ok.yaml').ok).toBe(true);
  });
});

describe('ScenarioError and formatIssue', () => {
  it('formats an issue as file:line:column: path: message, without the path when there is none', () => {
    const issue: ScenarioIssue = { file: 'a.yaml', line: 3, column: 7, path: 'timeline.0.at', message: 'bad' };
    expect(formatIssue(issue)).toBe('a.yaml:3:7: timeline.0.at: bad');
    expect(formatIssue({ ...issue, path: '' })).toBe('a.yaml:3:7: bad');
  });

  it('loadScenarioOrThrow throws every issue, one per line of the message', () => {
    const source = fixture('reference-errors.yaml');
    let thrown: unknown;
    try {
      loadScenarioOrThrow(source, 'reference-errors.yaml');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioError);
    const error = thrown as ScenarioError;
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.name).toBe('ScenarioError');
    expect(error.issues).toHaveLength(7);
    expect(error.message.split('\n')).toEqual(error.issues.map(formatIssue));
  });
});
