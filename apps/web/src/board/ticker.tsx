import type { AudienceStanding, PublicTickerLine } from '@mamoru/domain';
import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { teamColor } from './team-colors';
import { tickerTone } from './ticker-tone';
import './ticker.css';

/** The narrated ticker, newest first, each line with its story time. */
export function Ticker({
  lines,
  standings,
  clockStartsAtMinutes,
}: {
  lines: readonly PublicTickerLine[];
  standings: readonly AudienceStanding[];
  clockStartsAtMinutes: number | undefined;
}) {
  const { t, text, time } = useI18n();
  const numbers = new Map(standings.map((row) => [row.teamId, row.number]));
  const newestFirst = keyed(lines).reverse();
  return (
    <div className="ticker" data-testid="ticker">
      {newestFirst.length === 0 ? (
        <p className="ticker__empty">{t('ticker.empty')}</p>
      ) : (
        <ol className="ticker__lines" aria-live="polite" aria-relevant="additions">
          {newestFirst.map(({ key, line }) => {
            const number = line.teamId ? numbers.get(line.teamId) : undefined;
            return (
              <li
                key={key}
                className={`ticker__line ticker__line--${tickerTone(line.kind)}`}
                data-kind={line.kind}
                data-team-id={line.teamId}
                style={number !== undefined ? ({ '--team-color': teamColor(number) } as CSSProperties) : undefined}
              >
                <time className="ticker__time num">{time(line.atMinute, clockStartsAtMinutes)}</time>
                <span className="ticker__text">{text(line.text)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** Stable keys for lines that have no id: the same line keeps its key as newer lines arrive. */
function keyed(lines: readonly PublicTickerLine[]): { key: string; line: PublicTickerLine }[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const base = `${line.atMinute}|${line.kind}|${line.teamId ?? ''}|${line.text.en}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return { key: `${base}|${count}`, line };
  });
}
