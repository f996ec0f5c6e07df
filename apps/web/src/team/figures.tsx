import { probeLabel } from '../ui/probe-label';
import type { TeamView } from '@mamoru/domain';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { TableHead } from './panel-bits';

type FigureId = 'esc' | 'revenue' | 'cash' | 'trust' | 'downtime';

/** The team's figures now: ESC, revenue, cash, trust, downtime, and the security and money counters. */
export function FigureCards({ view }: { view: TeamView }) {
  const { t, yen, percent } = useI18n();
  const team = view.team;
  const figures: { id: FigureId; label: MessageKey; value: number; shown: string }[] = [
    { id: 'esc', label: 'team.figure.esc', value: team.escYen, shown: yen(team.escYen) },
    { id: 'revenue', label: 'team.figure.revenue', value: team.revenueYen, shown: yen(team.revenueYen) },
    { id: 'cash', label: 'team.figure.cash', value: team.cashYen, shown: yen(team.cashYen) },
    { id: 'trust', label: 'team.figure.trust', value: team.trust, shown: percent(team.trust) },
    {
      id: 'downtime',
      label: 'team.figure.downtime',
      value: team.downtimeMinutes,
      shown: t('common.minutes', { count: team.downtimeMinutes }),
    },
  ];
  const probe = team.lastProbe;
  const probeTone = probe === null ? '' : probe === 'ok' ? 'badge--good' : 'badge--bad';
  return (
    <section className="team-figures" aria-label={t('team.figures.title')}>
      {figures.map((f) => (
        <div
          key={f.id}
          className={`team-figure team-figure--${f.id}${f.id === 'cash' && f.value < 0 ? ' team-figure--negative' : ''}`}
          data-testid="team-figure"
          data-figure={f.id}
          data-value={f.value}
        >
          <span className="team-figure__label">{t(f.label)}</span>
          <span className="team-figure__value num">{f.shown}</span>
        </div>
      ))}
      <div className="team-figure team-figure--small" data-testid="team-figure-attacks">
        <span className="team-figure__label">{t('team.figure.attacks')}</span>
        <span className="team-figure__value num">
          {t('team.figure.attacksValue', { faced: team.attacksFaced, blocked: team.attacksBlocked })}
        </span>
      </div>
      <div className="team-figure team-figure--small" data-testid="team-figure-probe">
        <span className="team-figure__label">{t('team.figure.probe')}</span>
        <span className="team-figure__value">
          <span className={`badge ${probeTone}`}>
            {probe === null ? t('team.figure.probeNone') : probeLabel(t, probe)}
          </span>
        </span>
      </div>
      <div className="team-figure team-figure--small" data-testid="team-figure-loan">
        <span className="team-figure__label">{t('team.figure.loan')}</span>
        <span className="team-figure__value num">
          {yen(team.loanYen)} <span className="muted">/ {yen(team.loanLimitYen)}</span>
        </span>
      </div>
    </section>
  );
}

/** Each unit's score and the points earned of those offered so far. */
export function UnitScores({ view }: { view: TeamView }) {
  const { t, text, score } = useI18n();
  return (
    <section className="panel" data-testid="unit-scores" aria-labelledby="team-unit-scores">
      <h2 id="team-unit-scores">{t('team.units.title')}</h2>
      <table className="data-table">
        <TableHead
          columns={[
            { label: t('team.units.unit') },
            { label: t('team.units.score'), num: true },
            { label: t('team.units.points'), num: true },
          ]}
        />
        <tbody>
          {view.team.units.map((u) => (
            <tr key={u.unit} data-testid="unit-score" data-unit={u.unit}>
              <th scope="row">{text(u.name)}</th>
              <td className="num">{score(u.score)}</td>
              <td className="num">
                {formatPoints(u.earnedPoints)} / {formatPoints(u.offeredPoints)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}
