import type { AudienceStanding } from '@mamoru/domain';
import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { RankMarker } from './rank-changes';
import { teamColor } from './team-colors';
import { useFlip } from './use-flip';
import './standings-table.css';

interface Props {
  standings: readonly AudienceStanding[];
  markers: ReadonlyMap<string, RankMarker>;
  /** The freeze minute as text (`16:00`) when the board is frozen. */
  frozenAt: string | null;
}

/** The ranking: rank, team, 見込み販売力, revenue, trust, downtime; rows slide when ranks change. */
export function StandingsTable({ standings, markers, frozenAt }: Props) {
  const { t, yen, percent } = useI18n();
  const orderKey = standings.map((row) => row.teamId).join('|');
  const { rowRef, containerRef } = useFlip<HTMLTableRowElement>(orderKey);
  const style = { '--rows': Math.max(standings.length, 5) } as CSSProperties;

  return (
    <div className={`standings${frozenAt ? ' standings--frozen' : ''}`} style={style}>
      <table className="standings__table" data-testid="standings">
        <caption className="visually-hidden">
          {frozenAt ? t('standings.frozenCaption', { time: frozenAt }) : t('standings.caption')}
        </caption>
        <colgroup>
          <col className="standings__col-rank" />
          <col className="standings__col-team" />
          <col className="standings__col-esc" />
          <col className="standings__col-revenue" />
          <col className="standings__col-trust" />
          <col className="standings__col-downtime" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="standings__rank">
              {t('standings.rank')}
            </th>
            <th scope="col" className="standings__team">
              {t('standings.team')}
            </th>
            <th scope="col" className="standings__figure standings__esc">
              {t('standings.esc')}
            </th>
            <th scope="col" className="standings__figure">
              {t('standings.revenue')}
            </th>
            <th scope="col" className="standings__figure">
              {t('standings.trust')}
            </th>
            <th scope="col" className="standings__figure">
              {t('standings.downtime')}
            </th>
          </tr>
        </thead>
        <tbody ref={containerRef}>
          {standings.length === 0 && (
            <tr className="standings__empty">
              <td colSpan={6}>{t('standings.empty')}</td>
            </tr>
          )}
          {standings.map((row) => {
            const marker = markers.get(row.teamId);
            return (
              <tr
                key={row.teamId}
                ref={rowRef(row.teamId)}
                className={`standings__row${marker ? ` standings__row--${marker.direction}` : ''}`}
                data-testid="standing-row"
                data-team-id={row.teamId}
                data-rank={row.rank}
                style={{ '--team-color': teamColor(row.number) } as CSSProperties}
              >
                <td className="standings__rank">
                  <span className={`rank-badge num${row.rank <= 3 ? ` rank-badge--${row.rank}` : ''}`}>{row.rank}</span>
                  {marker ? (
                    <span
                      className="rank-change num"
                      data-direction={marker.direction}
                      role="img"
                      aria-label={t(marker.direction === 'up' ? 'standings.up' : 'standings.down', {
                        count: marker.by,
                      })}
                    >
                      {marker.direction === 'up' ? '▲' : '▼'}
                      {marker.by}
                    </span>
                  ) : (
                    <span className="rank-change" aria-hidden="true" />
                  )}
                </td>
                <th scope="row" className="standings__team">
                  <span className="team-swatch" aria-hidden="true" />
                  <span className="standings__team-name">{row.name}</span>
                </th>
                <td className="standings__figure standings__esc num">{yen(row.escYen)}</td>
                <td className="standings__figure num">{yen(row.revenueYen)}</td>
                <td className={`standings__figure standings__trust num ${trustClass(row.trust)}`}>
                  {percent(row.trust)}
                  <span className="trust-bar" aria-hidden="true">
                    <span style={{ width: `${Math.max(0, Math.min(1, row.trust)) * 100}%` }} />
                  </span>
                </td>
                <td className={`standings__figure num${row.downtimeMinutes > 0 ? ' standings__downtime--some' : ''}`}>
                  {row.downtimeMinutes}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function trustClass(trust: number): string {
  if (trust >= 0.9) return 'trust--high';
  if (trust >= 0.7) return 'trust--mid';
  return 'trust--low';
}
