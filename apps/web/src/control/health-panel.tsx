import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import type { Names } from './control-room';
import type { ControlHealth } from './control-types';
import type { Loaded, ServerHealth } from './use-control-data';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Queues (null: Redis not answering), shops, clock leadership, and the server's `/health`. */
export function HealthPanel({
  health,
  serverHealth,
  names,
}: {
  health: Loaded<ControlHealth>;
  serverHealth: Loaded<ServerHealth>;
  names: Names;
}) {
  const { t } = useI18n();
  const h = health.data;
  const server = serverHealth.data;
  const serverDown = server ? Object.keys(server.error ?? {}) : [];
  return (
    <section
      className="panel control-health"
      id="control-health"
      data-testid="control-health"
      aria-labelledby="control-health-title"
    >
      <header className="control-panel-head">
        <h2 id="control-health-title">{t('control.health.title')}</h2>
        <span className="control-small muted">{t('control.health.every')}</span>
      </header>
      <p>
        {t('control.health.server')}{' '}
        {server ? (
          <span
            className={server.status === 'ok' ? 'badge badge--good' : 'badge badge--bad'}
            data-testid="server-health"
          >
            {server.status === 'ok'
              ? t('control.health.ok')
              : t('control.health.down', { checks: serverDown.join(', ') || server.status })}
          </span>
        ) : (
          <span className="muted">{t('common.loading')}</span>
        )}
        {h && (
          <>
            {' '}
            · {t('control.health.leader')}{' '}
            <span className={h.leader ? 'badge badge--good' : 'badge'}>
              {h.leader ? t('control.yes') : t('control.no')}
            </span>
          </>
        )}
      </p>
      <ErrorNotice error={health.error} testId="health-error" />
      {h && h.queues === null && (
        <div className="error-notice control-loud" role="alert" data-testid="queues-down">
          <strong>{t('control.health.redisDown')}</strong>
        </div>
      )}
      {h && h.queues && (
        <table className="data-table control-small">
          <caption className="visually-hidden">{t('control.health.queues')}</caption>
          <thead>
            <tr>
              <th>{t('control.health.queue')}</th>
              {STATES.map((s) => (
                <th key={s} className="num">
                  {t(`control.health.state.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(h.queues).map(([queue, counts]) => (
              <tr key={queue}>
                <td>{queue}</td>
                {STATES.map((s) => (
                  <td key={s} className={s === 'failed' && (counts[s] ?? 0) > 0 ? 'num control-bad' : 'num'}>
                    {counts[s] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {h && (
        <table className="data-table control-small">
          <caption className="visually-hidden">{t('control.health.shops')}</caption>
          <thead>
            <tr>
              <th>{t('control.health.shop')}</th>
              <th>{t('control.health.running')}</th>
              <th>URL</th>
            </tr>
          </thead>
          <tbody>
            {h.shops.map((shop) => (
              <tr key={shop.teamId}>
                <td>{names.team(shop.teamId)}</td>
                <td>
                  <span className={shop.running ? 'badge badge--good' : 'badge badge--bad'}>
                    {shop.running ? t('control.health.up') : t('control.health.stopped')}
                  </span>
                </td>
                <td>
                  <code className="control-small">{shop.baseUrl ?? '—'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
