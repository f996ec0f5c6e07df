import { LEDGER_COMPONENTS as DOMAIN_COMPONENTS } from '@mamoru/domain';
import { formatLedgerAmount, formatLedgerValue, LEDGER_COMPONENTS, newestFirst } from './ledger-format';

describe('ledger components', () => {
  it("are the domain's, in its order", () => {
    expect(LEDGER_COMPONENTS).toEqual(DOMAIN_COMPONENTS);
  });
});

describe('ledger amounts', () => {
  it('shows money in yen with a sign', () => {
    expect(formatLedgerAmount({ component: 'cash', amount: -7500 })).toBe('−¥7,500');
    expect(formatLedgerAmount({ component: 'revenue', amount: 4800 })).toBe('+¥4,800');
    expect(formatLedgerValue({ component: 'reference', value: 1_234_567 })).toBe('¥1,234,567');
  });

  it('shows trust millionths as percentage points and the value as a percentage', () => {
    expect(formatLedgerAmount({ component: 'trust', amount: -20_000 })).toBe('−2.00 pt');
    expect(formatLedgerAmount({ component: 'trust', amount: 2000 })).toBe('+0.20 pt');
    expect(formatLedgerValue({ component: 'trust', value: 955_000 })).toBe('95.50%');
  });

  it('shows response points from thousandths', () => {
    expect(formatLedgerAmount({ component: 'earned', unit: 'support', amount: 7500 })).toBe('+7.5');
    expect(formatLedgerValue({ component: 'offered', unit: 'support', value: 10_000 })).toBe('10.0');
  });

  it('shows adjustments in yen (ESC) or in points (a unit)', () => {
    expect(formatLedgerAmount({ component: 'adjustment', amount: -50_000 })).toBe('−¥50,000');
    expect(formatLedgerAmount({ component: 'adjustment', unit: 'pr', amount: 3 })).toBe('+3.0');
  });

  it('shows minutes and counts as whole numbers', () => {
    expect(formatLedgerAmount({ component: 'downtime', amount: 1 })).toBe('+1');
    expect(formatLedgerValue({ component: 'attacksBlocked', value: 2 })).toBe('2');
  });

  it('puts the newest first, keeping one event’s entries in reverse server order', () => {
    const rows = newestFirst([
      { seq: 1, id: 'a' },
      { seq: 3, id: 'b' },
      { seq: 3, id: 'c' },
      { seq: 2, id: 'd' },
    ]);
    expect(rows.map((r) => r.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});
