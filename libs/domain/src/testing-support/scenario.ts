import type { Scenario } from '../scenario/scenario';
import { compileScenario } from '../scenario/scenario';
import type { ScenarioFileInput } from '../scenario/schema';
import { ScenarioFileSchema } from '../scenario/schema';

/**
 * A small compiled scenario for tests: two products, one support inquiry, one complaint, one press
 * inject, an information-only notice and two attacks, with every rule value at the schema default
 * unless `overrides` says otherwise. Going through the schema and the compiler keeps the defaults
 * in one place (schema.ts), so a test never hard-codes a default by accident.
 */
export function testScenario(overrides: Partial<ScenarioFileInput> = {}): Scenario {
  const file: ScenarioFileInput = {
    id: 'test-shop',
    title: { ja: 'テスト', en: 'Test' },
    products: [
      { id: 'tea', name: { ja: '緑茶', en: 'Green tea' }, listPriceYen: 2000, unitCostYen: 1200, initialStock: 50 },
      { id: 'cup', name: { ja: '湯呑み', en: 'Tea cup' }, listPriceYen: 5000, unitCostYen: 3000, initialStock: 3 },
    ],
    demand: [{ at: '00:00', customersPerTick: 4 }],
    attacks: [
      {
        id: 'sqli-search',
        name: { ja: 'SQLインジェクション', en: 'SQL injection' },
        exploits: 'sqli-search',
        steps: [{ request: { path: '/search?q=%27' }, expect: { status: 200 } }],
        effects: [{ kind: 'leak', records: 1200 }],
      },
      {
        id: 'price-tamper',
        name: { ja: '価格改ざん', en: 'Price tampering' },
        exploits: 'price-api-unauth',
        steps: [{ request: { method: 'POST', path: '/api/price' }, expect: { status: 200 } }],
        effects: [{ kind: 'tamper' }],
      },
    ],
    timeline: [
      {
        id: 'inq-shipping',
        at: '00:01',
        kind: 'inquiry',
        subject: { ja: '発送について', en: 'About shipping' },
        body: { ja: 'いつ届きますか', en: 'When will it arrive?' },
        response: {
          points: 10,
          deadlineMinutes: 30,
          rubric: [
            { id: 'apology', text: { ja: 'お詫び', en: 'Apology' }, weight: 1, keywords: ['お詫び', 'apolog'] },
            { id: 'ship-date', text: { ja: '発送日', en: 'Ship date' }, weight: 2, keywords: ['発送', 'ship'] },
            { id: 'contact', text: { ja: '連絡先', en: 'Contact' }, weight: 2, keywords: ['電話', 'phone'] },
          ],
        },
      },
      { id: 'atk-sqli', at: '00:02', kind: 'attack', attack: 'sqli-search' },
      {
        id: 'press-leak',
        at: '00:03',
        kind: 'press',
        subject: { ja: '漏えい報道', en: 'Leak report' },
        body: { ja: 'コメントを', en: 'Comment please' },
        response: {
          points: 20,
          deadlineMinutes: 20,
          rubric: [
            { id: 'facts', text: { ja: '事実', en: 'Facts' }, weight: 2, keywords: ['漏えい', 'leak'] },
            { id: 'apology', text: { ja: 'お詫び', en: 'Apology' }, weight: 1, keywords: ['お詫び', 'apolog'] },
            {
              id: 'next-steps',
              text: { ja: '再発防止', en: 'Next steps' },
              weight: 1,
              keywords: ['再発防止', 'prevent'],
            },
          ],
        },
      },
      { id: 'atk-tamper', at: '00:04', kind: 'attack', attack: 'price-tamper' },
      {
        id: 'cmp-broken',
        at: '00:05',
        kind: 'complaint',
        subject: { ja: '割れていた', en: 'It arrived broken' },
        body: { ja: '返金して', en: 'Refund me' },
        response: {
          points: 10,
          deadlineMinutes: 5,
          rubric: [{ id: 'refund', text: { ja: '返金', en: 'Refund' }, keywords: ['返金', 'refund'] }],
        },
      },
      {
        id: 'brief-exec',
        at: '00:06',
        kind: 'briefing',
        subject: { ja: '役員説明', en: 'Executive briefing' },
        body: { ja: '状況を', en: 'Status please' },
        response: {
          points: 5,
          deadlineMinutes: 4,
          rubric: [{ id: 'status', text: { ja: '状況', en: 'Status' }, keywords: ['status', '状況'] }],
        },
      },
      {
        id: 'info-holiday',
        at: '00:07',
        kind: 'notice',
        subject: { ja: 'お知らせ', en: 'Notice' },
        body: { ja: '連休', en: 'Holidays' },
      },
    ],
    ...overrides,
  };
  return compileScenario(ScenarioFileSchema.parse(file));
}
