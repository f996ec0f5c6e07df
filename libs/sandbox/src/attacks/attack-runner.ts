import type { AttackEffect, AttackOutcome, AttackScript, AttackStep, Matcher } from '@mamoru/domain';
import type { ShopEndpoint } from '../drivers/sandbox-driver';
import type { ShopHttpClient, ShopHttpResponse } from '../http/shop-http';
import { responseHeader, sharedShopHttp, shopUrl } from '../http/shop-http';
import { substituteInJson, substitutePlaceholders } from './placeholders';

/**
 * The attack runner (game-model §7): runs a scenario's scripted HTTP steps against one team's shop.
 *
 * - a step whose matchers fail, or whose extraction finds nothing, proves the defence held:
 *   `blocked`, with the step's index in `stoppedAtStep`;
 * - a shop that cannot be reached, or a script that cannot run (unknown placeholder, bad regex),
 *   is `error`: a platform or scenario fault, never counted against the team;
 * - every step passing is `succeeded`, with the script's effects.
 *
 * Redirects are never followed (a login answers 302 with its cookie, which a later step reuses).
 */

export interface AttackStepTrace {
  status?: number;
  ms: number;
}

export interface AttackRunResult {
  outcome: AttackOutcome;
  /** 0-based index of the step that failed its matchers (blocked) or could not run (error). */
  stoppedAtStep?: number;
  reason?: string;
  effects: AttackEffect[];
  steps: AttackStepTrace[];
}

export interface AttackRunOptions {
  /** Timeout of each step's request. */
  timeoutMs: number;
  http?: ShopHttpClient;
}

/** `attack.finished` keeps reasons to 500 characters. */
const MAX_REASON_CHARS = 500;
const DEFAULT_HEADERS = { 'user-agent': 'Mozilla/5.0 (compatible; mamoru-red-team/1)', accept: '*/*' };

export async function runAttack(
  script: AttackScript,
  endpoint: ShopEndpoint,
  options: AttackRunOptions,
): Promise<AttackRunResult> {
  const http = options.http ?? sharedShopHttp();
  const variables = new Map<string, string>();
  const steps: AttackStepTrace[] = [];
  const stop = (outcome: 'blocked' | 'error', index: number, why: string): AttackRunResult => ({
    outcome,
    stoppedAtStep: index,
    reason: truncate(`${stepLabel(script, index)}: ${why}`),
    effects: [],
    steps,
  });

  for (let index = 0; index < script.steps.length; index++) {
    const step = script.steps[index];
    let request: PreparedRequest;
    try {
      request = prepareRequest(step, variables);
    } catch (error) {
      return stop('error', index, `script error: ${errorMessage(error)}`);
    }
    const response = await http.request({
      method: request.method,
      url: shopUrl(endpoint.baseUrl, request.path),
      headers: request.headers,
      body: request.body,
      timeoutMs: options.timeoutMs,
    });
    if (response.kind === 'transport') {
      steps.push({ ms: response.ms });
      return stop('error', index, `shop unreachable: ${response.message}`);
    }
    steps.push({ status: response.status, ms: response.ms });

    let failure: string | undefined;
    try {
      failure = checkMatchers(step.expect, response);
    } catch (error) {
      return stop('error', index, `script error: ${errorMessage(error)}`);
    }
    if (failure) return stop('blocked', index, failure);

    for (const [name, extraction] of Object.entries(step.extract ?? {})) {
      let value: string | undefined;
      try {
        value = extract(extraction, response);
      } catch (error) {
        return stop('error', index, `script error: ${errorMessage(error)}`);
      }
      if (value === undefined) return stop('blocked', index, `could not extract "${name}" (from ${extraction.from})`);
      variables.set(name, value);
    }
  }
  return { outcome: 'succeeded', effects: script.effects.map((effect) => ({ ...effect })), steps };
}

// ----- requests -----

interface PreparedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function prepareRequest(step: AttackStep, variables: ReadonlyMap<string, string>): PreparedRequest {
  const { request } = step;
  if (request.form !== undefined && request.json !== undefined) throw new Error('a step has both form and json');
  // The scenario writer encodes paths; values are substituted as they were extracted.
  const path = substitutePlaceholders(request.path, variables);
  const headers: Record<string, string> = { ...DEFAULT_HEADERS };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    setHeader(headers, name, substitutePlaceholders(value, variables));
  }
  let body: string | undefined;
  if (request.form !== undefined) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(request.form))
      form.append(name, substitutePlaceholders(value, variables));
    body = form.toString();
    setDefaultHeader(headers, 'content-type', 'application/x-www-form-urlencoded');
  } else if (request.json !== undefined) {
    body = JSON.stringify(substituteInJson(request.json, variables));
    setDefaultHeader(headers, 'content-type', 'application/json');
  }
  return { method: request.method, path, headers, body };
}

/** Sets a header, replacing any spelling of the same name (script headers override defaults). */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = value;
}

function setDefaultHeader(headers: Record<string, string>, name: string, value: string): void {
  if (!Object.keys(headers).some((key) => key.toLowerCase() === name)) headers[name] = value;
}

// ----- matchers -----

/** Why the response fails the step's matchers, or undefined when it passes them all. */
export function checkMatchers(expect: Matcher, response: ShopHttpResponse): string | undefined {
  if (expect.status !== undefined) {
    const allowed = Array.isArray(expect.status) ? expect.status : [expect.status];
    if (!allowed.includes(response.status)) {
      return `expected status ${allowed.join(' or ')}, got ${response.status}`;
    }
  }
  for (const [name, matcher] of Object.entries(expect.headers ?? {})) {
    const failure = checkText(matcher, responseHeader(response, name), `header ${name.toLowerCase()}`);
    if (failure) return failure;
  }
  if (expect.body) return checkText(expect.body, response.body, 'body');
  return undefined;
}

function checkText(matcher: NonNullable<Matcher['body']>, text: string, what: string): string | undefined {
  if (matcher.contains !== undefined && !text.includes(matcher.contains)) {
    return `${what} does not contain ${JSON.stringify(matcher.contains)}`;
  }
  if (matcher.notContains !== undefined && text.includes(matcher.notContains)) {
    return `${what} contains ${JSON.stringify(matcher.notContains)}`;
  }
  if (matcher.matches !== undefined && !compile(matcher.matches).test(text)) {
    return `${what} does not match /${matcher.matches}/`;
  }
  return undefined;
}

// ----- extraction -----

type Extraction = NonNullable<AttackStep['extract']>[string];

/** The extracted value, or undefined when the response does not hold it (the defence held). */
export function extract(extraction: Extraction, response: ShopHttpResponse): string | undefined {
  switch (extraction.from) {
    case 'header': {
      if (!extraction.header) throw new Error('extraction from a header needs `header`');
      const value = response.headers[extraction.header.toLowerCase()];
      if (value === undefined) return undefined;
      return extraction.regex === undefined ? value : firstGroup(extraction.regex, value);
    }
    case 'body':
      if (!extraction.regex) throw new Error('extraction from the body needs `regex`');
      return firstGroup(extraction.regex, response.body);
    case 'json': {
      if (!extraction.path) throw new Error('extraction from json needs `path`');
      let value: unknown;
      try {
        value = JSON.parse(response.body);
      } catch {
        return undefined;
      }
      const found = atPath(value, extraction.path);
      if (found === undefined || found === null) return undefined;
      const text = typeof found === 'object' ? JSON.stringify(found) : String(found);
      return extraction.regex === undefined ? text : firstGroup(extraction.regex, text);
    }
  }
}

function firstGroup(pattern: string, text: string): string | undefined {
  const match = compile(pattern).exec(text);
  if (!match) return undefined;
  return match.length > 1 ? match[1] : match[0];
}

/** `rows.0.card` in `{rows: [{card: …}]}`. */
function atPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new Error(`invalid regex /${pattern}/: ${errorMessage(error)}`);
  }
}

// ----- reasons -----

function stepLabel(script: AttackScript, index: number): string {
  const name = script.steps[index]?.name;
  return `step ${index + 1} of ${script.steps.length}${name ? ` (${name})` : ''}`;
}

function truncate(text: string): string {
  return text.length <= MAX_REASON_CHARS ? text : `${text.slice(0, MAX_REASON_CHARS - 1)}…`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
