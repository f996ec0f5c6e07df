import type { LedgerEntry } from '@mamoru/domain';
import { foldEvents, LedgerCollector } from '@mamoru/domain';
import { readArchive } from '@mamoru/engine';
import { writeFileSync } from 'node:fs';

/** Ledger totals per team, component, unit and cause: readable, and sensitive to every entry. */
export function ledgerSummary(entries: LedgerEntry[]): Record<string, { entries: number; total: number }> {
  const summary: Record<string, { entries: number; total: number }> = {};
  for (const e of entries) {
    const key = [e.teamId, e.component, e.unit ?? '-', e.cause.kind].join(' ');
    const row = (summary[key] ??= { entries: 0, total: 0 });
    row.entries++;
    row.total += e.amount;
  }
  return Object.fromEntries(Object.entries(summary).sort(([a], [b]) => a.localeCompare(b)));
}

export async function ledgerSummaryOfArchive(archive: string): Promise<string> {
  const { events } = await readArchive(archive);
  const ledger = new LedgerCollector();
  foldEvents(undefined, events, ledger);
  return JSON.stringify(ledgerSummary(ledger.entries), null, 2) + '\n';
}

// `node -r ./tools/register.js test/golden/ledger-summary.ts <archive> <out.json>` (see README.md)
if (require.main === module) {
  const [archive, out] = process.argv.slice(2);
  void ledgerSummaryOfArchive(archive).then((text) => writeFileSync(out, text));
}
