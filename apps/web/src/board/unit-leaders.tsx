import type { AudienceStanding, AudienceView } from '@mamoru/domain';
import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { teamColor } from './team-colors';
import './unit-leaders.css';

/** The best team of each business unit with its score (0-100), or "—" while nothing is judged. */
export function UnitLeaders({
  leaders,
  standings,
}: {
  leaders: AudienceView['unitLeaders'];
  standings: readonly AudienceStanding[];
}) {
  const { t, text, score } = useI18n();
  const teams = new Map(standings.map((row) => [row.teamId, row]));
  return (
    <ul className="unit-leaders" data-testid="unit-leaders">
      {leaders.map((leader) => {
        const team = leader.teamId ? teams.get(leader.teamId) : undefined;
        return (
          <li
            key={leader.unit}
            className="unit-leaders__item"
            data-unit={leader.unit}
            data-team-id={leader.teamId ?? undefined}
            style={team ? ({ '--team-color': teamColor(team.number) } as CSSProperties) : undefined}
          >
            <span className="unit-leaders__unit">{text(leader.name)}</span>
            <span className="unit-leaders__team">
              {team ? (
                <>
                  <span className="team-swatch" aria-hidden="true" />
                  <span className="unit-leaders__team-name">{team.name}</span>
                </>
              ) : (
                <span className="unit-leaders__none">{t('leaders.none')}</span>
              )}
            </span>
            <span className="unit-leaders__score num">{score(leader.score)}</span>
          </li>
        );
      })}
    </ul>
  );
}
