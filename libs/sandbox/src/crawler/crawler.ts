import type { CrawlOutcome, Crowd, EventData, GameState, ProbeOutcome } from '@mamoru/domain';
import { CRAWL_OUTCOMES, customerWillBuy, productById } from '@mamoru/domain';
import { mapBounded } from '../concurrency/map-bounded';
import type { ShopEndpoint } from '../drivers/sandbox-driver';
import type { ShopHttpClient, ShopHttpResult } from '../http/shop-http';
import { sharedShopHttp, shopUrl } from '../http/shop-http';
import { fakeCustomer } from './fake-customer';
import { hasIntegrityMarker } from './integrity';

/**
 * The crawler (game-model §4): one tick's potential customers shop at one team's shop over real
 * HTTP, and what they saw becomes the tick's `crawl.observed` fact.
 *
 * The result depends on what the shop answers, never on scheduling: whether a willing customer
 * finds stock is decided in customer order from the log's stock (see `planJourneys`), and orders
 * are listed in customer order, so concurrency 1 and concurrency 8 give the same observation.
 */

export type CrawlObservation = EventData<'crawl.observed'>;
export type CrawlOrder = CrawlObservation['orders'][number];

export interface CrawlTeamInput {
  state: GameState;
  teamId: string;
  tick: number;
  crowd: Crowd;
  endpoint: ShopEndpoint;
  /** HTTP time one customer may spend on a whole journey (waiting for other customers excluded). */
  journeyTimeoutMs: number;
  /** Timeout of each of the (at most two) probe requests. */
  probeTimeoutMs: number;
  /** Journeys in flight for this team (default 16). */
  concurrency?: number;
  /** Defaults to the process-wide shared client. */
  http?: ShopHttpClient;
  /** Told about crawler bugs that were turned into a platform fault (for logs). */
  onPlatformFault?: (error: unknown) => void;
}

export const DEFAULT_CRAWL_CONCURRENCY = 16;

export async function crawlTeam(input: CrawlTeamInput): Promise<CrawlObservation> {
  const { tick, teamId, crowd } = input;
  const potential = crowd.wants.length;
  const referenceYen = crowd.referenceYen;
  let probe: ProbeOutcome | undefined;
  try {
    if (crowd.tick !== tick) throw new Error(`crowd of tick ${crowd.tick} given for tick ${tick}`);
    const plan = planJourneys(input.state, teamId, tick, crowd);
    const http = input.http ?? sharedShopHttp();
    const probed = await probeShop(http, input.endpoint, input.probeTimeoutMs);
    probe = probed;
    if (probed === 'down' || probed === 'defaced') {
      // Nobody gets through a dead or defaced front page: no journeys, no per-customer timeouts.
      const outcomes = countOutcomes(plan.map(() => probed));
      return { tick, teamId, potential, referenceYen, outcomes, orders: [], probe: probed };
    }
    const ledger = new StockLedger(plan);
    const journeys = await mapBounded(plan, input.concurrency ?? DEFAULT_CRAWL_CONCURRENCY, (customer) =>
      runJourney(http, input, customer, ledger),
    );
    return {
      tick,
      teamId,
      potential,
      referenceYen,
      outcomes: countOutcomes(journeys.map((j) => j.outcome)),
      orders: journeys.flatMap((j) => (j.order ? [j.order] : [])),
      probe,
    };
  } catch (error) {
    input.onPlatformFault?.(error);
    return {
      tick,
      teamId,
      potential,
      referenceYen,
      outcomes: {},
      orders: [],
      probe: probe ?? 'error',
      platformFault: true,
    };
  }
}

/** Crawls several teams at once (at most `concurrency` teams in flight), results in input order. */
export async function crawlTeams(
  inputs: readonly CrawlTeamInput[],
  options: { concurrency?: number } = {},
): Promise<CrawlObservation[]> {
  return mapBounded(inputs, options.concurrency ?? 4, (input) => crawlTeam(input));
}

// ----- probe -----

/** The health probe: `GET /`, retried once when it is not ok. */
export async function probeShop(
  http: ShopHttpClient,
  endpoint: ShopEndpoint,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const first = await probeOnce(http, endpoint, timeoutMs);
  if (first === 'ok') return first;
  return probeOnce(http, endpoint, timeoutMs);
}

async function probeOnce(http: ShopHttpClient, endpoint: ShopEndpoint, timeoutMs: number): Promise<ProbeOutcome> {
  const result = await http.request({ url: shopUrl(endpoint.baseUrl, '/'), timeoutMs, headers: CRAWLER_HEADERS });
  return homePageOutcome(result, endpoint);
}

function homePageOutcome(result: ShopHttpResult, endpoint: ShopEndpoint): 'ok' | 'down' | 'error' | 'defaced' {
  if (result.kind === 'transport') return 'down';
  if (result.status !== 200) return 'error';
  return hasIntegrityMarker(result.body, endpoint.integrityToken) ? 'ok' : 'defaced';
}

// ----- planning: who wants what, and whose purchase can depend on whose -----

interface PlannedCustomer {
  index: number;
  productId: string;
  willing: boolean;
  /** The team's own price (from the log): what a customer expects to pay. */
  priceYen: number;
  /** Earlier willing customers of the same product (present only when stock is contested). */
  waitFor?: number[];
  /** Log stock of the product at the start of the tick. */
  stock: number;
}

/**
 * Decides, before any request, what each customer wants and whether they are willing to buy.
 * The k-th willing customer of a product is sure to find stock when k < stock; beyond that, stock
 * is contested and the customer's chance depends on how many earlier willing customers of the same
 * product actually bought, so it waits for their outcomes (and for nothing else).
 */
function planJourneys(state: GameState, teamId: string, tick: number, crowd: Crowd): PlannedCustomer[] {
  const team = state.teams[teamId];
  if (!team) throw new Error(`team ${teamId} is not in the game state`);
  if (!state.scenario) throw new Error('the game state has no scenario');
  const willingSoFar = new Map<string, number[]>();
  return crowd.wants.map((productId, index) => {
    const product = productById(state.scenario!, productId);
    if (!product) throw new Error(`customer ${index} wants unknown product ${productId}`);
    const priceYen = team.pricesYen[productId] ?? product.listPriceYen;
    const stock = Math.max(0, team.stock[productId] ?? 0);
    const willing = customerWillBuy(state, teamId, tick, index, productId);
    const customer: PlannedCustomer = { index, productId, willing, priceYen, stock };
    if (willing) {
      const earlier = willingSoFar.get(productId) ?? [];
      if (earlier.length >= stock) customer.waitFor = [...earlier];
      earlier.push(index);
      willingSoFar.set(productId, earlier);
    }
    return customer;
  });
}

/** Which willing customers bought; a customer's entry settles once their journey is over. */
class StockLedger {
  private readonly settled = new Map<number, Promise<boolean>>();
  private readonly resolvers = new Map<number, (bought: boolean) => void>();

  constructor(plan: readonly PlannedCustomer[]) {
    for (const customer of plan) {
      if (!customer.willing) continue;
      this.settled.set(customer.index, new Promise((resolve) => this.resolvers.set(customer.index, resolve)));
    }
  }

  /** Whether stock is left for this customer, given what the earlier ones bought. */
  async available(customer: PlannedCustomer): Promise<boolean> {
    if (!customer.waitFor) return true;
    const earlier = await Promise.all(customer.waitFor.map((index) => this.settled.get(index)!));
    return earlier.filter(Boolean).length < customer.stock;
  }

  settle(index: number, bought: boolean): void {
    this.resolvers.get(index)?.(bought);
  }
}

// ----- one customer's journey -----

interface JourneyResult {
  outcome: CrawlOutcome;
  order?: CrawlOrder;
}

const CRAWLER_HEADERS = { 'user-agent': 'mamoru-crawler/1', accept: 'text/html,application/json' };

async function runJourney(
  http: ShopHttpClient,
  input: CrawlTeamInput,
  customer: PlannedCustomer,
  ledger: StockLedger,
): Promise<JourneyResult> {
  let result: JourneyResult | undefined;
  try {
    result = await journey(http, input, customer, ledger);
    return result;
  } finally {
    // Always settle, also when the journey threw, so later customers never wait forever.
    ledger.settle(customer.index, result?.order !== undefined);
  }
}

async function journey(
  http: ShopHttpClient,
  input: CrawlTeamInput,
  customer: PlannedCustomer,
  ledger: StockLedger,
): Promise<JourneyResult> {
  const { endpoint, tick } = input;
  const budget = new JourneyBudget(http, endpoint, input.journeyTimeoutMs);

  const home = await budget.request({ path: '/' });
  const homeOutcome = homePageOutcome(home, endpoint);
  if (homeOutcome !== 'ok') return { outcome: homeOutcome };

  const productPage = await budget.request({ path: `/products/${encodeURIComponent(customer.productId)}` });
  if (productPage.kind === 'transport') return { outcome: 'down' };
  if (productPage.status !== 200) return { outcome: 'error' };

  if (!customer.willing) return { outcome: 'ok' };
  if (!(await ledger.available(customer))) return { outcome: 'out_of_stock' };

  // Keys let a shop that honours them ignore a retried tick's second purchase (architecture §6).
  const idempotencyKey = `${input.teamId}-t${tick}-c${customer.index}`;
  const cart = await budget.request({
    method: 'POST',
    path: '/cart',
    json: { productId: customer.productId, quantity: 1 },
    headers: { 'idempotency-key': `${idempotencyKey}-cart` },
  });
  if (cart.kind === 'transport') return { outcome: 'down' };
  if (cart.status === 409) return { outcome: 'out_of_stock' };
  const cartId = isSuccess(cart.status) ? parseJson(cart.body)?.cartId : undefined;
  if (typeof cartId !== 'string' && typeof cartId !== 'number') return { outcome: 'error' };

  const checkout = await budget.request({
    method: 'POST',
    path: '/checkout',
    json: { cartId, customer: fakeCustomer(input.state.seed, tick, customer.index) },
    headers: { 'idempotency-key': `${idempotencyKey}-checkout` },
  });
  if (checkout.kind === 'transport') return { outcome: 'down' };
  if (checkout.status === 409) return { outcome: 'out_of_stock' };
  if (!isSuccess(checkout.status)) return { outcome: 'error' };
  const receipt = readReceipt(parseJson(checkout.body), customer.productId);
  if (!receipt) return { outcome: 'error' };

  const order: CrawlOrder = {
    productId: customer.productId,
    quantity: 1,
    chargedYen: receipt.totalYen,
    priceYen: customer.priceYen,
  };
  const tampered = receipt.unitPriceYen !== customer.priceYen || receipt.totalYen !== customer.priceYen;
  return { outcome: tampered ? 'tampered' : 'ok', order };
}

/** A checkout answer we can count: one unit of the wanted product at a whole, non-negative price. */
function readReceipt(body: unknown, productId: string): { unitPriceYen: number; totalYen: number } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const receipt = body as Record<string, unknown>;
  const yen = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  if (receipt.productId !== undefined && receipt.productId !== productId) return undefined;
  if (receipt.quantity !== undefined && receipt.quantity !== 1) return undefined;
  if (!yen(receipt.unitPriceYen)) return undefined;
  const unitPriceYen = receipt.unitPriceYen as number;
  const totalYen = receipt.totalYen === undefined ? unitPriceYen : receipt.totalYen;
  if (!yen(totalYen)) return undefined;
  return { unitPriceYen, totalYen: totalYen as number };
}

/** The journey's time budget: each request may use what earlier requests of the journey left. */
class JourneyBudget {
  private remainingMs: number;

  constructor(
    private readonly http: ShopHttpClient,
    private readonly endpoint: ShopEndpoint,
    journeyTimeoutMs: number,
  ) {
    this.remainingMs = journeyTimeoutMs;
  }

  async request(request: {
    method?: string;
    path: string;
    json?: unknown;
    headers?: Record<string, string>;
  }): Promise<ShopHttpResult> {
    if (this.remainingMs <= 0) return { kind: 'transport', failure: 'timeout', message: 'journey timed out', ms: 0 };
    const headers: Record<string, string> = { ...CRAWLER_HEADERS, ...request.headers };
    if (request.json !== undefined) headers['content-type'] = 'application/json';
    const result = await this.http.request({
      method: request.method ?? 'GET',
      url: shopUrl(this.endpoint.baseUrl, request.path),
      headers,
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      timeoutMs: this.remainingMs,
    });
    this.remainingMs -= Math.max(1, result.ms);
    return result;
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Counts in the fixed order of `CRAWL_OUTCOMES`, zero counts left out. */
function countOutcomes(outcomes: readonly CrawlOutcome[]): CrawlObservation['outcomes'] {
  const counts: CrawlObservation['outcomes'] = {};
  for (const outcome of CRAWL_OUTCOMES) {
    const count = outcomes.filter((o) => o === outcome).length;
    if (count > 0) counts[outcome] = count;
  }
  return counts;
}
