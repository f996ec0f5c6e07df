/**
 * One colour per team, the same on every screen (by team number): the chart's lines and the
 * swatches next to team names. Twenty colours that stay apart on the dark board.
 */
export const TEAM_COLORS = [
  '#4dabf7',
  '#ff922b',
  '#51cf66',
  '#f06595',
  '#fcc419',
  '#9775fa',
  '#22b8cf',
  '#ff6b6b',
  '#94d82d',
  '#e599f7',
  '#20c997',
  '#ffa8a8',
  '#a5d8ff',
  '#ffd8a8',
  '#b2f2bb',
  '#faa2c1',
  '#d0bfff',
  '#c0eb75',
  '#ffe066',
  '#99e9f2',
] as const;

export function teamColor(teamNumber: number): string {
  const index = (((Math.floor(teamNumber) - 1) % TEAM_COLORS.length) + TEAM_COLORS.length) % TEAM_COLORS.length;
  return TEAM_COLORS[Number.isFinite(index) ? index : 0];
}
