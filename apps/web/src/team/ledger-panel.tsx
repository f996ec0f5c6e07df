import type { Bilingual, LedgerEntry, UnitId } from '@mamoru/domain';
import { memo, useId, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { TableHead } from './panel-bits';
import { ErrorNotice } from '../ui/error-notice';
import { amountKind, formatLedgerAmount, formatLedgerValue, LEDGER_COMPONENTS, newestFirst } from './ledger-format';
import type { TeamScope } from './team-scope';
import { useLedger } from './use-ledger';

const PAGE = 200;

/** The ledger, fetched and kept up to date (see `useLedger`). */
export function LedgerPanel({
  scope,
  seq,
  unitNames,
}: {
  scope: TeamScope;
  seq: number;
  unitNames: readonly { unit: UnitId; name: Bilingual }[];
}) {
  const ledger = useLedger(scope.api, scope.base, seq);
  return (
    <LedgerTable
      entries={ledger.entries}
      loaded={ledger.loaded}
      error={ledger.error}
      unitNames={unitNames}
      clockStartsAtMinutes={scope.clockStartsAtMinutes}
    />
  );
}

/** Every change of every score component with its cause, newest first, filtered by component. */
export const LedgerTable = memo(function LedgerTable({
  entries,
  loaded,
  error,
  unitNames,
  clockStartsAtMinutes,
}: {
  entries: readonly LedgerEntry[];
  loaded: boolean;
  error: unknown;
  unitNames: readonly { unit: UnitId; name: Bilingual }[];
  clockStartsAtMinutes: number | undefined;
}) {
  const { t, text, time } = useI18n();
  const id = useId();
  const [component, setComponent] = useState<string>('all');
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(
    () => newestFirst(component === 'all' ? entries : entries.filter((e) => e.component === component)),
    [entries, component],
  );
  const unitName = (unit: UnitId | undefined) =>
    unit ? text(unitNames.find((u) => u.unit === unit)?.name) || unit : '';

  return (
    <section
      className="panel team-ledger"
      data-testid="ledger"
      data-entries={entries.length}
      aria-labelledby={`${id}-title`}
    >
      <div className="team-subsection__head">
        <h2 id={`${id}-title`}>{t('team.ledger.title')}</h2>
        <label className="field field--inline">
          <span>{t('team.ledger.filter')}</span>
          <select
            value={component}
            onChange={(e) => {
              setComponent(e.target.value);
              setShown(PAGE);
            }}
            data-testid="ledger-filter"
          >
            <option value="all">{t('team.ledger.all')}</option>
            {LEDGER_COMPONENTS.map((c) => (
              <option key={c} value={c}>
                {t(`team.ledger.component.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">{t('team.ledger.intro')}</p>
      <ErrorNotice error={error} testId="ledger-error" />
      {!loaded ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('team.ledger.empty')}</p>
      ) : (
        <div className="team-ledger__scroll">
          <table className="data-table">
            <TableHead
              columns={[
                { label: t('team.ledger.time'), num: true },
                { label: t('team.ledger.componentHeader') },
                { label: t('team.ledger.amount'), num: true },
                { label: t('team.ledger.value'), num: true },
                { label: t('team.ledger.cause') },
              ]}
            />
            <tbody>
              {rows.slice(0, shown).map((e, i) => {
                const kind = amountKind(e);
                const suffix =
                  kind === 'minutes'
                    ? t('team.ledger.unit.minutes')
                    : kind === 'points' || kind === 'rawPoints'
                      ? t('team.ledger.unit.points')
                      : '';
                return (
                  <tr
                    key={`${e.seq}-${e.component}-${e.unit ?? ''}-${i}`}
                    data-testid="ledger-row"
                    data-component={e.component}
                    data-amount={e.amount}
                  >
                    <td className="num">{time(e.atMinute, clockStartsAtMinutes)}</td>
                    <td>
                      {t(`team.ledger.component.${e.component}` as MessageKey)}
                      {e.unit && <span className="muted"> · {unitName(e.unit)}</span>}
                    </td>
                    <td className={`num ${e.amount > 0 ? 'team-up' : e.amount < 0 ? 'team-down' : ''}`}>
                      {formatLedgerAmount(e)}
                      {suffix && ` ${suffix}`}
                    </td>
                    <td className="num">{formatLedgerValue(e)}</td>
                    <td>{text(e.cause.text)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length > shown && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setShown(shown + PAGE)}
            >
              {t('team.ledger.more', { count: rows.length - shown })}
            </button>
          )}
        </div>
      )}
    </section>
  );
});
