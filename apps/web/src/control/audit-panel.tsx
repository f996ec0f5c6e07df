import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import type { AuditEntry } from './control-types';
import { PanelHead, ReloadButton } from './form-bits';
import type { Loaded } from './use-control-data';

function wallTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The audit trail, newest first: who did what, when (story time and wall time), and why. */
export function AuditPanel({
  audit,
  clockStartsAtMinutes,
}: {
  audit: Loaded<AuditEntry[]>;
  clockStartsAtMinutes: number | undefined;
}) {
  const { t, time } = useI18n();
  const entries = audit.data ?? [];
  return (
    <section className="panel control-audit" id="control-audit" aria-labelledby="control-audit-title">
      <PanelHead titleId="control-audit-title" title={t('control.audit.title')}>
        <ReloadButton onReload={audit.reload} />
      </PanelHead>
      <ErrorNotice error={audit.error} testId="audit-error" />
      <div className="control-scroll-y control-audit__scroll">
        <table className="data-table control-small" data-testid="audit-list">
          <thead>
            <tr>
              <th className="num">{t('control.audit.time')}</th>
              <th className="num">{t('control.audit.wall')}</th>
              <th>{t('control.audit.type')}</th>
              <th>{t('control.audit.by')}</th>
              <th>{t('control.audit.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data === null && !audit.error && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('common.loading')}
                </td>
              </tr>
            )}
            {audit.data !== null && entries.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('control.audit.empty')}
                </td>
              </tr>
            )}
            {entries.map((e) => (
              <tr key={e.seq} data-testid="audit-row" data-type={e.type} data-seq={e.seq}>
                <td className="num">{time(e.atMinute, clockStartsAtMinutes)}</td>
                <td className="num muted">{wallTime(e.wallMs)}</td>
                <td>
                  <code>{e.type}</code>
                </td>
                <td>{e.by}</td>
                <td>
                  {e.summary}
                  {e.reason && <div className="muted">{t('control.audit.reason', { reason: e.reason })}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
