import type { MarketItem, MarketRequest, TeamView } from '@mamoru/domain';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import { ActionRow, TableHead } from './panel-bits';
import { teamAction } from './team-api';
import type { TeamScope } from './team-scope';

const CATEGORY: Record<string, MessageKey> = {
  assessment: 'team.market.category.assessment',
  monitoring: 'team.market.category.monitoring',
  audit: 'team.market.category.audit',
  forensics: 'team.market.category.forensics',
  business: 'team.market.category.business',
};

const STATUS: Record<MarketRequest['status'], { label: MessageKey; tone: string }> = {
  requested: { label: 'team.market.status.requested', tone: 'badge--warn' },
  approved: { label: 'team.market.status.approved', tone: 'badge--good' },
  rejected: { label: 'team.market.status.rejected', tone: 'badge--bad' },
};

/** The marketplace: any member asks for an item (稟議); management approves or rejects. */
export function MarketPanel({ view, scope, canDecide }: { view: TeamView; scope: TeamScope; canDecide: boolean }) {
  const { t } = useI18n();
  const requests = [...view.market.requests].sort(
    (a, b) => b.requestedMinute - a.requestedMinute || b.requestId.localeCompare(a.requestId),
  );
  return (
    <section className="panel team-market" data-testid="market-panel" aria-labelledby="team-market-title">
      <h2 id="team-market-title">{t('team.market.title')}</h2>
      {view.market.catalogue.length === 0 ? (
        <p className="muted">{t('team.market.emptyCatalogue')}</p>
      ) : (
        <ul className="team-market__catalogue">
          {view.market.catalogue.map((item) => (
            <li key={item.id}>
              <MarketItemCard item={item} scope={scope} />
            </li>
          ))}
        </ul>
      )}
      <h3>{t('team.market.requests')}</h3>
      {requests.length === 0 ? (
        <p className="muted">{t('team.market.noRequests')}</p>
      ) : (
        <table className="data-table">
          <TableHead
            columns={[
              { label: t('team.market.item') },
              { label: t('team.market.requestedBy') },
              { label: t('team.market.requestedAt'), num: true },
              { label: t('team.market.status') },
            ]}
          />
          <tbody>
            {requests.map((r) => (
              <RequestRow key={r.requestId} request={r} view={view} scope={scope} canDecide={canDecide} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MarketItemCard({ item, scope }: { item: MarketItem; scope: TeamScope }) {
  const { t, text, yen } = useI18n();
  const action = useAction((key: string) =>
    teamAction(scope.api, `${scope.base}/market/requests`, { itemId: item.id }, key),
  );
  return (
    <article className="team-market-item" data-testid="market-item" data-item-id={item.id}>
      <header className="team-market-item__head">
        <h4>{text(item.name)}</h4>
        <span className="badge">{CATEGORY[item.category] ? t(CATEGORY[item.category]) : item.category}</span>
      </header>
      {item.vendor && <p className="muted">{t('team.market.vendor', { vendor: text(item.vendor) })}</p>}
      {item.description && <p className="pre-text">{text(item.description)}</p>}
      <p className="num team-market-item__terms">
        <strong>{yen(item.priceYen)}</strong>
        {item.leadMinutes > 0 && <> · {t('team.market.lead', { minutes: item.leadMinutes })}</>}
        {item.recurringYenPerHour > 0 && (
          <> · {t('team.market.recurring', { amount: yen(item.recurringYenPerHour) })}</>
        )}
      </p>
      <ActionRow
        state={action}
        scope={scope}
        testId="market-request"
        done="team.done.marketRequest"
        button={{
          label: t('team.market.request'),
          testId: 'market-request',
          onClick: () => void action.run(),
          className: 'button button--secondary button--small',
        }}
      />
    </article>
  );
}

function RequestRow({
  request,
  view,
  scope,
  canDecide,
}: {
  request: MarketRequest;
  view: TeamView;
  scope: TeamScope;
  canDecide: boolean;
}) {
  const { t, text, time, yen } = useI18n();
  const item = view.market.catalogue.find((i) => i.id === request.itemId);
  const by = view.members.find((m) => m.memberId === request.memberId)?.name;
  const decide = useAction((key: string, approved: boolean) =>
    teamAction(
      scope.api,
      `${scope.base}/market/requests/${encodeURIComponent(request.requestId)}/decision`,
      { approved },
      key,
    ),
  );
  const status = STATUS[request.status];
  return (
    <tr data-testid="market-request-row" data-request-id={request.requestId} data-status={request.status}>
      <td>
        {item ? text(item.name) : request.itemId}
        {item && <span className="muted num"> ({yen(item.priceYen)})</span>}
        {request.note && <p className="pre-text muted">{request.note}</p>}
      </td>
      <td className="team-nowrap">{by ?? '—'}</td>
      <td className="num">{time(request.requestedMinute, scope.clockStartsAtMinutes)}</td>
      <td>
        <span className={`badge ${status.tone}`}>{t(status.label)}</span>
        {request.status === 'approved' && request.activeFromMinute !== undefined && (
          <span className="muted num">
            {' '}
            {t('team.market.activeFrom', { time: time(request.activeFromMinute, scope.clockStartsAtMinutes) })}
          </span>
        )}
        {canDecide && request.status === 'requested' && (
          <div className="button-row team-decision">
            <button
              type="button"
              className="button button--primary button--small"
              disabled={decide.pending || scope.block !== null}
              onClick={() => void decide.run(true)}
              data-testid="market-approve"
            >
              {t('team.market.approve')}
            </button>
            <button
              type="button"
              className="button button--danger button--small"
              disabled={decide.pending || scope.block !== null}
              onClick={() => void decide.run(false)}
              data-testid="market-reject"
            >
              {t('team.market.reject')}
            </button>
          </div>
        )}
        <ErrorNotice error={decide.error} testId="market-decision-error" />
      </td>
    </tr>
  );
}
