import { isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { BilingualSchema } from '../text/text';
import { formatGameTime, parseGameTime } from '../time/game-time';
import { compileScenario, DEFAULT_UNIT_OF_KIND, type Scenario } from './scenario';
import { ScenarioFileSchema, type ScenarioFile } from './schema';

/**
 * Reads a scenario file (YAML text) into a compiled `Scenario`, or into a list of problems, each
 * located at the line and column people see in their editor. Pure: the caller reads the file.
 *
 * Order: size and nesting guards → YAML (syntax, duplicate keys, aliases, tags) → zod schema →
 * references and consistency. Each stage reports everything it finds; a later stage only runs
 * when the earlier ones found nothing, because its findings would be noise otherwise.
 */

export interface ScenarioIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted field path, e.g. `timeline.3.response.deadlineMinutes`; empty for the whole file. */
  path: string;
  message: string;
}

export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';

  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
  }
}

export function formatIssue(i: ScenarioIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.path ? i.path + ': ' : ''}${i.message}`;
}

export type ParseScenarioResult =
  { ok: true; scenario: Scenario; file: ScenarioFile } | { ok: false; issues: ScenarioIssue[] };

/** Scenario files are hand-written and small; anything bigger is the wrong file or an attack. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** Deepest flow nesting, or most block indicators (`-`, `?`, `:`) on one line, accepted. */
export const MAX_SCENARIO_NESTING = 64;
/** Alias expansions allowed (`yaml`'s `maxAliasCount`): enough to reuse a block, not to explode. */
export const MAX_SCENARIO_ALIAS_COUNT = 50;
/** Issues reported at most; the rest are summed up in one last line. */
export const MAX_SCENARIO_ISSUES = 50;

type Path = (string | number)[];

export function parseScenario(source: string, file: string): ParseScenarioResult {
  const lineCounter = new LineCounter();
  const report = new IssueReport(file, lineCounter);

  if (!passesGuards(source, lineCounter, report)) return report.failure();
  const doc = readYaml(source, lineCounter, report);
  if (!doc) return report.failure();
  const data = toPlainData(doc, report);
  if (data === undefined) return report.failure();
  report.data = data;

  const parsed = ScenarioFileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportZodIssue(issue, [], report);
    return report.failure();
  }

  checkScenario(parsed.data, report);
  if (report.hasIssues()) return report.failure();
  return { ok: true, scenario: compileScenario(parsed.data), file: parsed.data };
}

export function loadScenarioOrThrow(source: string, file: string): Scenario {
  const result = parseScenario(source, file);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.scenario;
}

// ----- issues and their positions -----

class IssueReport {
  private readonly issues: (ScenarioIssue & { order: number })[] = [];
  private doc: Document.Parsed | undefined;
  /** The file as plain data once YAML has been read; messages name array entries from it. */
  data: unknown;

  constructor(
    private readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  setDocument(doc: Document.Parsed): void {
    this.doc = doc;
  }

  hasIssues(): boolean {
    return this.issues.length > 0;
  }

  /** An issue about the value at `path` (or its key, or the mapping where it is missing). */
  at(path: Path, message: string, target: 'value' | 'key' = 'value'): void {
    this.atOffset(this.find(path, target).offset, path, message);
  }

  atOffset(offset: number, path: Path, message: string): void {
    const { line, col } = this.lineCounter.linePos(offset);
    const where = this.data === undefined ? '' : describeElement(this.data, path);
    this.issues.push({
      file: this.file,
      line: Math.max(1, line),
      column: Math.max(1, col),
      path: path.join('.'),
      message: where ? `in ${where}: ${message}` : message,
      order: this.issues.length,
    });
  }

  find(path: Path, target: 'value' | 'key' = 'value'): Found {
    return this.doc ? locate(this.doc, path, target) : { offset: 0 };
  }

  /** Line number (1-based) of the value at `path`, to point from one issue to a related place. */
  lineOf(path: Path): number {
    return this.lineAt(this.find(path).offset);
  }

  lineAt(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }

  failure(): { ok: false; issues: ScenarioIssue[] } {
    const sorted = [...this.issues].sort((a, b) => a.line - b.line || a.column - b.column || a.order - b.order);
    const issues = sorted.map(({ order: _order, ...issue }) => issue);
    if (issues.length <= MAX_SCENARIO_ISSUES) return { ok: false, issues };
    const shown = issues.slice(0, MAX_SCENARIO_ISSUES - 1);
    const next = issues[MAX_SCENARIO_ISSUES - 1];
    shown.push({ ...next, path: '', message: `${issues.length - shown.length} more problems not shown` });
    return { ok: false, issues: shown };
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: readonly number[] | null } | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** A key written with nothing after it (`response:`) parses as an empty scalar at the key's end. */
function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (!isScalar(node) || node.value !== null) return false;
  const range = node.range;
  return !range || range[0] === range[1];
}

interface Found {
  /** Offset in the source of what was found. */
  offset: number;
  /** The node at the end of the path, if the whole path exists. */
  node?: unknown;
  /** The deepest mapping or list reached (the node itself when the whole path exists). */
  container?: unknown;
}

/**
 * Finds the node at `path`: its value (or its key, for `target: 'key'`); where the path leads to
 * nothing, the deepest mapping or list on the way (the place to add what is missing).
 */
function locate(doc: Document.Parsed, path: Path, target: 'value' | 'key'): Found {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { offset, container: node };
      const keyOffset = rangeStart(pair.key) ?? offset;
      const last = i === path.length - 1;
      if (last && target === 'key') return { offset: keyOffset, node: pair.key, container: node };
      if (isEmptyValue(pair.value)) return { offset: keyOffset, node: last ? pair.value : undefined, container: node };
      node = pair.value;
      offset = rangeStart(node) ?? keyOffset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) return { offset, container: node };
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      return { offset, container: node };
    }
  }
  return { offset, node, container: node };
}

/**
 * `timeline[3] (id "inq-1").response.rubric[0] (id "apology")`: the array elements on the path,
 * named by their id (or name), so a reader finds the entry without counting. Empty when no
 * element on the path has an id or a name.
 */
function describeElement(data: unknown, path: Path): string {
  let last = -1;
  path.forEach((segment, i) => {
    if (typeof segment === 'number') last = i;
  });
  let text = '';
  let labelled = false;
  let current: unknown = data;
  for (let i = 0; i <= last; i++) {
    const segment = path[i];
    if (typeof segment === 'number') {
      current = Array.isArray(current) ? current[segment] : undefined;
      text += `[${segment}]`;
      const label = labelOf(current);
      if (label) {
        text += ` (${label})`;
        labelled = true;
      }
    } else {
      current = isRecord(current) ? current[segment] : undefined;
      text += (text ? '.' : '') + segment;
    }
  }
  return labelled ? text : '';
}

function labelOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.id === 'string') return `id ${JSON.stringify(value.id)}`;
  if (typeof value.name === 'string') return `name ${JSON.stringify(value.name)}`;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ----- stage 1: guards before the YAML parser -----

function passesGuards(source: string, lineCounter: LineCounter, report: IssueReport): boolean {
  if (utf8ByteLength(source, MAX_SCENARIO_BYTES + 1) > MAX_SCENARIO_BYTES) {
    report.atOffset(
      0,
      [],
      `the file is larger than ${MAX_SCENARIO_BYTES / 1024 / 1024} MB; a scenario file is a few hundred kB at most: ` +
        'is this the right file?',
    );
    return false;
  }
  const tooDeep = findExcessiveNesting(source);
  if (tooDeep !== undefined) {
    // The parser that usually counts lines did not run.
    lineCounter.addNewLine(0);
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    report.atOffset(
      tooDeep,
      [],
      `YAML nesting deeper than ${MAX_SCENARIO_NESTING} levels; a scenario never needs this: is this the right file?`,
    );
    return false;
  }
  return true;
}

function utf8ByteLength(text: string, stopAt: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes < stopAt; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The `yaml` parser slows down sharply, and can run out of memory, on deeply nested input such as
 * `- - - - ...` or `[[[[...` (a few hundred kB is enough). Its lexer is linear, so count nesting
 * on the token stream first and refuse before parsing. Returns the offset where the limit is passed.
 */
function findExcessiveNesting(source: string): number | undefined {
  let offset = 0;
  let flowDepth = 0;
  let indicatorsOnLine = 0;
  let nextIsScalar = false;
  for (const token of new Lexer().lex(source)) {
    if (token === '\x1f') {
      nextIsScalar = true; // the next token is scalar text, whatever it looks like
      continue;
    }
    if (token === '\x02' || token === '\x18') {
      if (token === '\x18') flowDepth = 0; // a flow collection ended in an error
      continue;
    }
    const start = offset;
    offset += token.length;
    if (nextIsScalar) {
      nextIsScalar = false;
      continue;
    }
    switch (token) {
      case '\n':
      case '\r\n':
        indicatorsOnLine = 0;
        break;
      case '-':
      case '?':
      case ':':
        // Block nesting only: `{ a: 1, b: 2, ... }` on one line is wide, not deep.
        if (flowDepth === 0 && ++indicatorsOnLine > MAX_SCENARIO_NESTING) return start;
        break;
      case '[':
      case '{':
        if (++flowDepth > MAX_SCENARIO_NESTING) return start;
        break;
      case ']':
      case '}':
        flowDepth = Math.max(0, flowDepth - 1);
        break;
    }
  }
  return undefined;
}

// ----- stage 2: YAML -----

/** The document, when it is one YAML 1.2 mapping without syntax errors, duplicate keys or tricks. */
function readYaml(source: string, lineCounter: LineCounter, report: IssueReport): Document.Parsed | undefined {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false, version: '1.2' });
  } catch (error) {
    report.atOffset(0, [], `the YAML could not be read: ${errorMessage(error)}`);
    return undefined;
  }
  report.setDocument(doc);

  for (const error of doc.errors) report.atOffset(error.pos[0], [], yamlErrorMessage(error.code, error.message));
  for (const warning of doc.warnings) {
    // Unknown tags are reported, with their path, by checkYamlTree.
    if (warning.code !== 'TAG_RESOLVE_FAILED') {
      report.atOffset(warning.pos[0], [], yamlErrorMessage(warning.code, warning.message));
    }
  }
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2') {
    // YAML 1.1 reads `09:00` as the number 540 and `no` as false: scenario times and texts would break.
    report.atOffset(
      Math.max(0, source.indexOf('%YAML')),
      [],
      `scenario files are YAML 1.2; remove the %YAML ${doc.directives.yaml.version} directive`,
    );
  }
  if (doc.contents === null) {
    if (!report.hasIssues()) {
      report.atOffset(0, [], `the file is empty; a scenario is a mapping with at least ${requiredTopLevelKeys()}`);
    }
    return undefined;
  }
  checkYamlTree(doc, source, report);
  if (report.hasIssues()) return undefined;

  if (!isMap(doc.contents)) {
    const what = isSeq(doc.contents) ? 'a list' : 'a single value';
    report.atOffset(
      rangeStart(doc.contents) ?? 0,
      [],
      `the top level must be a mapping of keys (${requiredTopLevelKeys()}, ...), not ${what}`,
    );
    return undefined;
  }
  return doc;
}

/** Plain data for zod; undefined (reported) when aliases would expand beyond the limit. */
function toPlainData(doc: Document.Parsed, report: IssueReport): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_SCENARIO_ALIAS_COUNT }) as unknown;
  } catch (error) {
    report.atOffset(
      firstAliasOffset(doc) ?? 0,
      [],
      `aliases (*name) expand to too much data (more than ${MAX_SCENARIO_ALIAS_COUNT} expansions): ${errorMessage(error)}`,
    );
    return undefined;
  }
}

function yamlErrorMessage(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'YAML syntax error: a tab is used for indentation; YAML indents with spaces only';
    case 'BLOCK_IN_FLOW':
      return (
        'YAML syntax error: block collections are not allowed within flow collections; inside { ... } or [ ... ], ' +
        'quote text that contains ": "'
      );
    case 'MULTIPLE_DOCS':
      return 'a second YAML document starts here ("---"); a scenario file holds exactly one document';
    default:
      return `YAML syntax error: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  }
}

/** Plain YAML 1.2 core tags people may write to force a type (`!!str 123`); nothing else. */
const ALLOWED_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

/** Duplicate keys, complex keys, unknown aliases and exotic tags (`!!binary`, `!!set`, ...). */
function checkYamlTree(doc: Document.Parsed, source: string, report: IssueReport): void {
  const visitNode = (node: unknown, path: Path): void => {
    if (node === null || node === undefined) return;
    const tag = (node as { tag?: string }).tag;
    if (tag !== undefined && !ALLOWED_TAGS.has(tag)) {
      const offset = tagOffset(source, rangeStart(node) ?? 0);
      report.atOffset(offset, path, `the YAML tag ${shortTag(tag)} is not allowed in a scenario file`);
    }
    if (isAlias(node)) {
      if (!node.resolve(doc)) {
        report.atOffset(
          rangeStart(node) ?? 0,
          path,
          `alias *${node.source} has no anchor &${node.source} defined before it`,
        );
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, index) => visitNode(item, [...path, index]));
      return;
    }
    if (!isMap(node)) return;
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const keyOffset = rangeStart(pair.key) ?? rangeStart(node) ?? 0;
      if (!isScalar(pair.key) || pair.key.value === null || typeof pair.key.value === 'object') {
        report.atOffset(keyOffset, path, 'a key must be a plain name (not a list, a mapping or nothing)');
        continue;
      }
      const key = String(pair.key.value);
      const first = seen.get(key);
      if (first !== undefined) {
        report.atOffset(
          keyOffset,
          [...path, key],
          `duplicate key ${JSON.stringify(key)}: it is already set at line ${report.lineAt(first)}`,
        );
      } else {
        seen.set(key, keyOffset);
      }
      visitNode(pair.value, [...path, key]);
    }
  };
  visitNode(doc.contents, []);
}

/** A node's range starts after its tag; point at the tag when it is on the same line. */
function tagOffset(source: string, nodeOffset: number): number {
  const lineStart = source.lastIndexOf('\n', nodeOffset - 1) + 1;
  let offset = source.lastIndexOf('!', nodeOffset - 1);
  if (offset < lineStart) return nodeOffset;
  while (offset > lineStart && source[offset - 1] === '!') offset--;
  return offset;
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function firstAliasOffset(doc: Document.Parsed): number | undefined {
  let found: number | undefined;
  const visitNode = (node: unknown): void => {
    if (found !== undefined || node === null || node === undefined) return;
    if (isAlias(node)) found = rangeStart(node);
    else if (isSeq(node)) node.items.forEach(visitNode);
    else if (isMap(node)) node.items.forEach((pair) => visitNode(pair.value));
  };
  visitNode(doc.contents);
  return found;
}

function requiredTopLevelKeys(): string {
  const keys = Object.entries(ScenarioFileSchema.shape)
    .filter(([, schema]) => !(schema as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
  return keys.join(', ');
}

// ----- stage 3: the schema -----

function reportZodIssue(issue: z.core.$ZodIssue, prefix: Path, report: IssueReport): void {
  const path: Path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const data = report.data;
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path, data);
      const container = report.find(path).node;
      const flow = isMap(container) && container.flow === true;
      for (const key of issue.keys) {
        // `{ en: Hello, world }` reads as en: "Hello" plus a key "world": the comma ends the value.
        const hint =
          flow && /\s/.test(key.trim()) && valueAt(data, [...path, key]) === null
            ? '; inside { ... } a comma ends the value: quote text that contains commas'
            : suggestKey(key, allowed);
        report.at([...path, key], `unknown key ${JSON.stringify(key)}${hint}`, 'key');
      }
      return;
    }
    case 'invalid_type': {
      if (value === undefined) {
        const key = path[path.length - 1];
        report.at(path, `required key ${JSON.stringify(key)} is missing${expectedHint(path, data, ' (', ')')}`);
        return;
      }
      const expected = expectedHint(path, data, '', '') || describeType(issue.expected);
      report.at(path, `expected ${expected}, got ${describeValue(value)}`);
      return;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
      report.at(path, `must be ${expected}, got ${describeValue(value)}`);
      return;
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        const options = ('options' in issue ? (issue.options ?? []) : []).map((v) => JSON.stringify(v)).join(', ');
        const key = issue.discriminator;
        // zod puts the discriminator at the end of the path; make sure, for older versions.
        const at = path[path.length - 1] === key ? path : [...path, key];
        const got = valueAt(data, at);
        report.at(
          at,
          got === undefined
            ? `required key ${JSON.stringify(key)} is missing (one of ${options})`
            : `${key} must be one of ${options}, got ${describeValue(got)}`,
        );
        return;
      }
      // When one alternative had the right shape and failed deeper inside, its findings are the
      // useful ones; otherwise say which shapes are accepted.
      const deeper = issue.errors.filter((alternative) => alternative.every((sub) => sub.path.length > 0));
      if (deeper.length === 1) {
        for (const sub of deeper[0]) reportZodIssue(sub, path, report);
        return;
      }
      const shapes = issue.errors.map((alternative) => describeAlternative(alternative)).filter((s) => s);
      report.at(path, `expected ${[...new Set(shapes)].join(' or ')}, got ${describeValue(value)}`);
      return;
    }
    case 'too_small':
    case 'too_big': {
      report.at(path, `${describeBound(issue)}, got ${describeValue(value)}`);
      return;
    }
    case 'invalid_format': {
      const custom = !issue.message.startsWith('Invalid');
      let rule = issue.message;
      if (!custom) {
        if (issue.format === 'starts_with')
          rule = `must start with ${JSON.stringify((issue as { prefix?: string }).prefix)}`;
        else if (issue.format === 'regex') rule = `must match the pattern ${(issue as { pattern?: string }).pattern}`;
        else rule = `must be a valid ${issue.format}`;
      }
      report.at(path, `${rule}, got ${describeValue(value)}`);
      return;
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      const rule =
        path[path.length - 2] === 'extract'
          ? 'a variable name is letters, digits and "_", not starting with a digit'
          : issue.issues.map((sub) => sub.message).join('; ');
      report.at(path, `invalid key ${JSON.stringify(key)}: ${rule}`, 'key');
      return;
    }
    case 'not_multiple_of':
    case 'invalid_element':
    case 'custom':
      report.at(path, issue.message);
  }
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current)) current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    else return undefined;
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : String(value);
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'an empty list'
      : `a list of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  if (isRecord(value)) return 'a mapping';
  return typeof value;
}

function describeType(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping (key: value)';
    default:
      return expected;
  }
}

function describeAlternative(issues: z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first) return '';
  if (first.code === 'invalid_type') return describeType(first.expected);
  if (first.code === 'invalid_value') return first.values.map((v) => JSON.stringify(v)).join(' or ');
  return '';
}

function describeBound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
  const inclusive = issue.inclusive !== false;
  const n = Number(limit);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return small
        ? `must have at least ${n} ${n === 1 ? 'entry' : 'entries'}`
        : `must have at most ${n} ${n === 1 ? 'entry' : 'entries'}`;
    case 'string':
      if (small && n === 1) return 'must not be empty';
      return small ? `must be at least ${n} characters long` : `must be at most ${n} characters long`;
    case 'number':
    case 'int':
    case 'bigint':
    case 'date':
    case 'file':
    default:
      if (small) return inclusive ? `must be at least ${n}` : `must be more than ${n}`;
      return inclusive ? `must be at most ${n}` : `must be less than ${n}`;
  }
}

/** Bilingual texts are the commonest shape mistake (`subject: Hello`), so name them. */
function expectedHint(path: Path, data: unknown, before: string, after: string): string {
  const schema = schemaAt(path, data);
  if (schema === BilingualSchema) return `${before}text in both languages: { ja: ..., en: ... }${after}`;
  return '';
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The schema that describes the value at `path` (following discriminators in `data`). */
function schemaAt(path: Path, data: unknown): z.ZodType | undefined {
  const walk = (schema: z.ZodType, index: number, value: unknown): z.ZodType | undefined => {
    const current = unwrap(schema);
    if (current instanceof z.ZodUnion) {
      const discriminator = current instanceof z.ZodDiscriminatedUnion ? current.def.discriminator : undefined;
      for (const option of current.options as z.ZodType[]) {
        const inner = unwrap(option);
        if (discriminator !== undefined && inner instanceof z.ZodObject && isRecord(value)) {
          const tag = (inner.shape as Record<string, z.ZodType>)[discriminator];
          if (!tag?.safeParse(value[discriminator]).success) continue;
        }
        const found = walk(option, index, value);
        if (found) return found;
      }
      return undefined;
    }
    if (index === path.length) return current;
    const segment = path[index];
    if (current instanceof z.ZodObject) {
      const child = (current.shape as Record<string, z.ZodType | undefined>)[String(segment)];
      return child ? walk(child, index + 1, isRecord(value) ? value[String(segment)] : undefined) : undefined;
    }
    if (current instanceof z.ZodArray && typeof segment === 'number') {
      return walk(current.element as z.ZodType, index + 1, Array.isArray(value) ? value[segment] : undefined);
    }
    if (current instanceof z.ZodRecord) {
      return walk(current.valueType as z.ZodType, index + 1, isRecord(value) ? value[String(segment)] : undefined);
    }
    return undefined;
  };
  return walk(ScenarioFileSchema, 0, data);
}

function allowedKeysAt(path: Path, data: unknown): string[] {
  const schema = schemaAt(path, data);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function suggestKey(key: string, allowed: string[]): string {
  if (allowed.length === 0) return '';
  const close = allowed
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(1, Math.floor(key.length / 3)))
    .sort((a, b) => a.distance - b.distance);
  if (close.length > 0) return `; did you mean ${JSON.stringify(close[0].candidate)}?`;
  return `; expected one of ${allowed.join(', ')}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

// ----- stage 4: references and consistency -----

const MINUTES_PER_DAY = 24 * 60;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLACEHOLDER = /\{\{(.*?)\}\}/g;

function checkScenario(file: ScenarioFile, report: IssueReport): void {
  checkUniqueIds(file.units ?? [], ['units'], 'unit', report);
  checkUniqueIds(file.products, ['products'], 'product', report);
  checkUniqueIds(file.attacks, ['attacks'], 'attack', report);
  checkUniqueIds(file.marketplace, ['marketplace'], 'marketplace item', report);
  checkUniqueIds(file.timeline, ['timeline'], 'timeline entry', report);
  checkTimes(file, report);
  checkTimeline(file, report);
  file.attacks.forEach((attack, index) => checkAttack(attack, ['attacks', index], report));
}

function checkUniqueIds(entries: { id: string }[], listPath: Path, what: string, report: IssueReport): void {
  const first = new Map<string, number>();
  entries.forEach((entry, index) => {
    const earlier = first.get(entry.id);
    if (earlier === undefined) {
      first.set(entry.id, index);
      return;
    }
    const earlierPath = [...listPath, earlier];
    report.at(
      [...listPath, index, 'id'],
      `duplicate ${what} id ${JSON.stringify(entry.id)}: ${bracketPath(earlierPath)} at line ${report.lineOf(earlierPath)} already has it`,
    );
  });
}

function bracketPath(path: Path): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

function checkTimes(file: ScenarioFile, report: IssueReport): void {
  const duration = parseGameTime(file.duration);
  const givenDuration = isRecord(report.data) && report.data.duration !== undefined;
  const durationText = `${formatGameTime(duration)}${givenDuration ? '' : ', the default'}`;
  if (duration < 1) report.at(['duration'], `must be at least 00:01, got ${JSON.stringify(file.duration)}`);
  if (file.clockStartsAt !== undefined) {
    const start = parseGameTime(file.clockStartsAt);
    if (start >= MINUTES_PER_DAY) {
      report.at(['clockStartsAt'], `must be a time of day before 24:00, got ${JSON.stringify(file.clockStartsAt)}`);
    } else if (start + duration > MINUTES_PER_DAY) {
      report.at(
        ['clockStartsAt'],
        `the story clock would run past 24:00: ${formatGameTime(start)} + duration ${durationText} ends at ${formatGameTime(start + duration)}`,
      );
    }
  } else if (duration > MINUTES_PER_DAY) {
    report.at(['duration'], `must be at most 24:00, got ${JSON.stringify(file.duration)}`);
  }

  const demandAt = new Map<number, number>();
  file.demand.forEach((point, index) => {
    const minute = parseGameTime(point.at);
    if (minute > duration) {
      report.at(['demand', index, 'at'], `${point.at} is after the end of the game (duration ${durationText})`);
    }
    const earlier = demandAt.get(minute);
    if (earlier !== undefined) {
      report.at(
        ['demand', index, 'at'],
        `demand already has a point at ${formatGameTime(minute)} (demand[${earlier}], line ${report.lineOf(['demand', earlier])})`,
      );
    } else {
      demandAt.set(minute, index);
    }
  });

  file.timeline.forEach((entry, index) => {
    // Tick N closes [N-1, N); an entry at the very end would fall after the last tick.
    if (parseGameTime(entry.at) >= duration) {
      report.at(
        ['timeline', index, 'at'],
        `${entry.at} is not within the game: it must be before the end (duration ${durationText})`,
      );
    }
  });
}

function checkTimeline(file: ScenarioFile, report: IssueReport): void {
  const attackIds = file.attacks.map((a) => a.id);
  const unitIds = file.units && [...new Set(file.units.map((u) => u.id))];
  file.timeline.forEach((entry, index) => {
    const path: Path = ['timeline', index];
    if (entry.kind === 'attack') {
      if (!attackIds.includes(entry.attack)) {
        const known = attackIds.length
          ? `; defined attacks: ${attackIds.join(', ')}`
          : '; the scenario defines no attacks';
        report.at([...path, 'attack'], `unknown attack ${JSON.stringify(entry.attack)}${known}`);
      }
      return;
    }
    if (unitIds) {
      if (entry.unit !== undefined && !unitIds.includes(entry.unit)) {
        report.at(
          [...path, 'unit'],
          `unit ${JSON.stringify(entry.unit)} is not one of this scenario's units (${unitIds.join(', ')})`,
        );
      } else if (entry.unit === undefined && !unitIds.includes(DEFAULT_UNIT_OF_KIND[entry.kind])) {
        report.at(
          [...path, 'kind'],
          `a ${entry.kind} goes to unit "${DEFAULT_UNIT_OF_KIND[entry.kind]}" unless it says otherwise, and this scenario's units ` +
            `(${unitIds.join(', ')}) do not include it; set unit`,
        );
      }
    }
    if (entry.response) {
      checkUniqueIds(entry.response.rubric, [...path, 'response', 'rubric'], 'rubric item', report);
    }
  });
}

type AttackFile = ScenarioFile['attacks'][number];

function checkAttack(attack: AttackFile, attackPath: Path, report: IssueReport): void {
  const extractedBy = new Map<string, number>();
  attack.steps.forEach((step, index) => {
    for (const name of Object.keys(step.extract ?? {})) if (!extractedBy.has(name)) extractedBy.set(name, index);
  });

  const available = new Set<string>();
  attack.steps.forEach((step, index) => {
    const stepPath: Path = [...attackPath, 'steps', index];
    const checkPlaceholders = (text: string, path: Path): void => {
      const reported = new Set<string>();
      for (const match of text.matchAll(PLACEHOLDER)) {
        const name = match[1];
        if (reported.has(name)) continue;
        reported.add(name);
        if (!VARIABLE_NAME.test(name)) {
          report.at(
            path,
            `${match[0]} is not a placeholder: write {{name}} with a variable name (letters, digits, "_")`,
          );
        } else if (!available.has(name)) {
          const by = extractedBy.get(name);
          const hint =
            by !== undefined
              ? `; steps[${by}] extracts it, but a step can only use values extracted by the steps before it`
              : available.size
                ? `; earlier steps extract ${[...available].join(', ')}`
                : '; no earlier step extracts anything';
          report.at(
            path,
            `{{${name}}} is not extracted by an earlier step of attack ${JSON.stringify(attack.id)}${hint}`,
          );
        }
      }
    };
    const request = step.request;
    const requestPath: Path = [...stepPath, 'request'];
    if (request.form !== undefined && request.json !== undefined) {
      report.at(requestPath, 'a request has either a form or a json body, not both');
    }
    checkPlaceholders(request.path, [...requestPath, 'path']);
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      checkPlaceholders(value, [...requestPath, 'headers', name]);
    }
    for (const [name, value] of Object.entries(request.form ?? {})) {
      checkPlaceholders(value, [...requestPath, 'form', name]);
    }
    forEachString(request.json, [...requestPath, 'json'], checkPlaceholders);

    const expectPath: Path = [...stepPath, 'expect'];
    if (step.expect.body) checkTextMatcher(step.expect.body, [...expectPath, 'body'], report);
    for (const [name, matcher] of Object.entries(step.expect.headers ?? {})) {
      checkTextMatcher(matcher, [...expectPath, 'headers', name], report);
    }

    for (const [name, extraction] of Object.entries(step.extract ?? {})) {
      checkExtraction(extraction, [...stepPath, 'extract', name], report);
    }
    for (const name of Object.keys(step.extract ?? {})) available.add(name);
  });
}

function forEachString(value: unknown, path: Path, visit: (text: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => forEachString(item, [...path, index], visit));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) forEachString(item, [...path, key], visit);
}

type TextMatcher = NonNullable<AttackFile['steps'][number]['expect']['body']>;
type Extraction = NonNullable<AttackFile['steps'][number]['extract']>[string];

function checkTextMatcher(matcher: TextMatcher, path: Path, report: IssueReport): void {
  if (matcher.contains === undefined && matcher.notContains === undefined && matcher.matches === undefined) {
    report.at(path, 'a text matcher needs at least one of contains, notContains, matches');
  }
  if (matcher.matches !== undefined) checkRegex(matcher.matches, [...path, 'matches'], report);
}

function checkExtraction(extraction: Extraction, path: Path, report: IssueReport): void {
  const needs = (key: 'header' | 'path' | 'regex', what: string): void => {
    if (extraction[key] === undefined) report.at([...path, key], `from: ${extraction.from} needs ${key} (${what})`);
  };
  const unused = (key: 'header' | 'path' | 'regex'): void => {
    if (extraction[key] !== undefined)
      report.at([...path, key], `${key} is not used with from: ${extraction.from}`, 'key');
  };
  switch (extraction.from) {
    case 'header':
      needs('header', 'the name of the response header to read');
      unused('path');
      break;
    case 'json':
      needs('path', 'a dot path into the JSON body, e.g. rows.0.card');
      unused('header');
      unused('regex');
      break;
    case 'body':
      needs('regex', 'a regular expression with a capture group around the value');
      unused('header');
      unused('path');
      break;
  }
  if (extraction.regex !== undefined && checkRegex(extraction.regex, [...path, 'regex'], report)) {
    // Count the capture groups: an alternative that matches the empty string always matches.
    const groups = (new RegExp(`${extraction.regex}|`).exec('')?.length ?? 1) - 1;
    if (groups < 1) {
      report.at([...path, 'regex'], 'needs a capture group (...) around the value to extract');
    }
  }
}

/** Reports a pattern that is not a valid JavaScript regular expression; true when it is valid. */
function checkRegex(pattern: string, path: Path, report: IssueReport): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch (error) {
    const reason = errorMessage(error).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    report.at(path, `${JSON.stringify(pattern)} is not a valid regular expression: ${reason}`);
    return false;
  }
}
