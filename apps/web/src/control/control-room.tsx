import type { Bilingual, ControlView } from '@mamoru/domain';
import { useCallback, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { LiveViewState } from '../live/live-view-store';
import { Link } from '../routing/link';
import { CONTROL_PATH, boardPath } from '../routing/routes';
import { AppHeader } from '../ui/app-header';
import { AnnouncementsPanel } from './announcements-panel';
import { AuditPanel } from './audit-panel';
import { ClockBar } from './clock-bar';
import type {
  AuditEntry,
  ControlApi,
  ControlHealth,
  GameSummary,
  IssuedMember,
  MemberRow,
  StaffRole,
} from './control-types';
import { GradingPanel } from './grading-panel';
import { HealthPanel } from './health-panel';
import { JoinCodeSheet } from './join-code-sheet';
import { MembersPanel } from './members-panel';
import { TeamToolsPanel, TeamsPanel } from './teams-panel';
import { TimelinePanel } from './timeline-panel';
import type { Loaded, ServerHealth } from './use-control-data';

/** Names the panels show: units by id (from the summary), teams by id (from the view). */
export interface Names {
  unit(id: string): string;
  team(teamId: string): string;
  units: { id: string; name: Bilingual }[];
}

export interface ControlRoomProps {
  gameId: string;
  role: StaffRole;
  login: string;
  onSignOut(): void;
  api: ControlApi;
  live: Pick<LiveViewState<ControlView>, 'connection' | 'refusal' | 'view' | 'seq' | 'serverClock'>;
  summary: GameSummary | null;
  onSummaryChanged(): void;
  health: Loaded<ControlHealth>;
  serverHealth: Loaded<ServerHealth>;
  members: Loaded<MemberRow[]>;
  audit: Loaded<AuditEntry[]>;
}

const DEFAULT_UNITS = ['management', 'sales', 'support', 'pr', 'tech', 'csirt'];

/**
 * The control room of one game (presentational: everything comes in as props). The clock bar stays
 * on top; teams, grading and the timeline follow, then members, announcements, health and the
 * audit trail. Graders see the overview and grading only.
 */
export function ControlRoom(props: ControlRoomProps) {
  const { gameId, role, login, onSignOut, api, live, summary } = props;
  const { t, text } = useI18n();
  const view = live.view;
  const organiser = role === 'organiser';
  const [issued, setIssued] = useState<IssuedMember[]>([]);

  const names = useMemo<Names>(() => {
    const units = summary?.units ?? DEFAULT_UNITS.map((id) => ({ id, name: { ja: id, en: id } }));
    const unitNames = new Map(units.map((u) => [u.id, u.name]));
    const teamNames = new Map<string, string>();
    for (const team of summary?.teams ?? []) teamNames.set(team.teamId, team.name);
    for (const team of view?.teams ?? []) teamNames.set(team.teamId, team.name);
    return {
      units,
      unit: (id) => {
        const name = unitNames.get(id);
        return name ? text(name) : id;
      },
      team: (teamId) => teamNames.get(teamId) ?? teamId,
    };
  }, [summary, view?.teams, text]);

  const addIssued = useCallback((members: IssuedMember[]) => {
    setIssued((current) => {
      const replaced = new Map(current.map((m) => [m.memberId, m]));
      for (const m of members) replaced.set(m.memberId, m);
      return [...replaced.values()];
    });
  }, []);

  const title = view ? text(view.title) : summary ? text(summary.title) : gameId;

  return (
    <main
      className="app-page control-room"
      data-testid="control-room"
      data-game-id={gameId}
      data-seq={live.seq ?? ''}
      data-status={view?.clock.status ?? ''}
      data-role={role}
    >
      <AppHeader title={title} connection={live.connection} login={login} onSignOut={onSignOut}>
        <nav className="control-header-nav" aria-label={t('control.nav.label')}>
          <Link to={CONTROL_PATH}>{t('control.nav.games')}</Link>
          <Link to={boardPath(gameId)}>{t('control.nav.board')}</Link>
          <code className="muted">{gameId}</code>
          {role === 'grader' && <span className="badge badge--warn">{t('control.role.grader')}</span>}
        </nav>
      </AppHeader>
      {live.refusal && (
        <div className="error-notice" role="alert" data-testid="control-refused">
          <strong>
            {live.refusal.code === 'NOT_FOUND'
              ? t('control.refused.notFound', { gameId })
              : t('control.refused.other', { message: live.refusal.message })}
          </strong>
        </div>
      )}
      {!view ? (
        <p className="panel muted" data-testid="control-loading">
          {t('control.connecting')}
        </p>
      ) : (
        <>
          <ClockBar view={view} serverClock={live.serverClock} organiser={organiser} api={api} gameId={gameId} />
          <nav className="control-sections no-print" aria-label={t('control.sections')}>
            <a href="#control-teams">{t('control.teams.title')}</a>
            <a href="#control-grading">{t('control.grading.title')}</a>
            <a href="#control-timeline">{t('control.timeline.title')}</a>
            {organiser && <a href="#control-team-tools">{t('control.teamTools.title')}</a>}
            {organiser && <a href="#control-members">{t('control.members.title')}</a>}
            <a href="#control-announcements">{t('control.announcements.title')}</a>
            <a href="#control-health">{t('control.health.title')}</a>
            {organiser && <a href="#control-audit">{t('control.audit.title')}</a>}
          </nav>
          <div className="control-grid">
            <TeamsPanel view={view} names={names} />
            <GradingPanel view={view} names={names} api={api} gameId={gameId} />
            <TimelinePanel view={view} names={names} organiser={organiser} api={api} gameId={gameId} />
            <div className="control-stack">
              <AnnouncementsPanel view={view} organiser={organiser} api={api} gameId={gameId} />
              <HealthPanel health={props.health} serverHealth={props.serverHealth} names={names} />
            </div>
            {organiser && (
              <>
                <TeamToolsPanel
                  view={view}
                  names={names}
                  api={api}
                  gameId={gameId}
                  onTeamsAdded={props.onSummaryChanged}
                />
                <MembersPanel
                  view={view}
                  names={names}
                  api={api}
                  gameId={gameId}
                  members={props.members}
                  onIssued={addIssued}
                />
                <AuditPanel audit={props.audit} clockStartsAtMinutes={view.clock.clockStartsAtMinutes} />
              </>
            )}
          </div>
          {organiser && issued.length > 0 && (
            <JoinCodeSheet
              members={issued}
              names={names}
              gameTitle={title}
              origin={window.location.origin}
              onClear={() => setIssued([])}
            />
          )}
        </>
      )}
    </main>
  );
}
