import type { TeamView } from '@mamoru/domain';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { ConnectionState } from '../live/live-connection';
import { AppHeader } from '../ui/app-header';
import { AnnouncementsPanel } from './announcements-panel';
import { FigureCards, UnitScores } from './figures';
import { InboxPanel } from './inbox';
import { LedgerPanel } from './ledger-panel';
import { LoansPanel } from './loans-panel';
import { MarketPanel } from './market-panel';
import { MembersPanel } from './members-panel';
import { NoticesList, NoticesPanel } from './notices-panel';
import { OpsConsole } from './ops-console';
import { ProductsTable, SalesPanel } from './sales-panel';
import type { TeamApi } from './team-api';
import { TeamChart } from './team-chart';
import { TeamClock } from './team-clock';
import type { TeamHistory } from './team-history';
import type { TeamScope } from './team-scope';
import { actionBlock, mayTake, memberUnits } from './team-logic';

export interface TeamDashboardProps {
  view: TeamView;
  /** Game time shown now (runs while the game runs). */
  gameMs: number;
  memberId: string | undefined;
  login: string;
  connection: ConnectionState;
  api: TeamApi;
  /** `/api/games/:g/teams/:t` */
  base: string;
  history: TeamHistory;
  onSignOut: () => void;
  /** Shown above everything (a refusal of the live connection). */
  notice?: ReactNode;
}

/**
 * What one member sees of their team: everyone sees the figures, the chart, the market, the
 * members, the ledger and the announcements; the inbox and the action panels follow the units the
 * member holds now.
 */
export function TeamDashboard(props: TeamDashboardProps) {
  const { view, gameMs, memberId, api, base, history } = props;
  const { t, text, time } = useI18n();
  const units = memberUnits(view, memberId);
  const block = actionBlock(view.clock.status);
  const scope: TeamScope = { api, base, block, clockStartsAtMinutes: view.clock.clockStartsAtMinutes };
  const me = view.members.find((m) => m.memberId === memberId);

  return (
    <main
      className="app-page team-dashboard"
      data-testid="team-dashboard"
      data-team-id={view.team.teamId}
      data-seq={view.seq}
      data-status={view.clock.status}
      data-units={units.join(' ')}
    >
      <AppHeader
        title={view.team.name}
        connection={props.connection}
        login={me ? `${me.name} (${props.login})` : props.login}
        onSignOut={props.onSignOut}
      >
        <div className="team-header__meta">
          <span className="badge num" data-testid="team-number">
            {t('team.header.number', { number: view.team.number })}
          </span>
          <span className="badge badge--warn num" data-testid="team-rank">
            {t('team.header.rank', { rank: view.team.rank })}
          </span>
          {units.length > 0 && (
            <span className="muted team-header__units">
              {t('team.header.units', {
                units: units.map((u) => text(view.team.units.find((x) => x.unit === u)?.name) || u).join(' / '),
              })}
            </span>
          )}
        </div>
        <TeamClock clock={view.clock} gameMs={gameMs} title={view.title} />
      </AppHeader>
      {props.notice}
      {me?.awayUntilMinute !== undefined && (
        <p className="team-blocked" role="status" data-testid="team-away">
          {t('team.refused.transferUntil', { time: time(me.awayUntilMinute, view.clock.clockStartsAtMinutes) })}
        </p>
      )}
      {block && (
        <p className="team-blocked" role="status" data-testid="team-blocked">
          {t(block)}
        </p>
      )}

      <FigureCards view={view} />

      <div className="team-layout">
        <div className="team-layout__main">
          <InboxPanel inbox={view.inbox} units={units} unitNames={view.team.units} gameMs={gameMs} scope={scope} />
        </div>
        <div className="team-layout__side">
          <TeamChart
            history={history}
            durationMinutes={view.clock.durationMinutes}
            clockStartsAtMinutes={view.clock.clockStartsAtMinutes}
          />
          <UnitScores view={view} />
          <AnnouncementsPanel
            announcements={view.announcements}
            clockStartsAtMinutes={view.clock.clockStartsAtMinutes}
          />
        </div>
      </div>

      <div className="team-panels">
        {mayTake(units, 'stockOrder') ? (
          <SalesPanel view={view} scope={scope} gameMs={gameMs} />
        ) : (
          <ProductsTable view={view} />
        )}
        <MarketPanel view={view} scope={scope} canDecide={mayTake(units, 'marketDecision')} />
        {mayTake(units, 'loan') && <LoansPanel view={view} scope={scope} />}
        {mayTake(units, 'notice') ? <NoticesPanel view={view} scope={scope} /> : <NoticesList view={view} />}
        <MembersPanel view={view} scope={scope} canMove={mayTake(units, 'memberMove')} memberId={memberId} />
      </div>

      {mayTake(units, 'shopConsole') && <OpsConsole scope={scope} />}

      <LedgerPanel scope={scope} seq={view.seq} unitNames={view.team.units} />
    </main>
  );
}
