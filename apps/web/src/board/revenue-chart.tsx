import type { Locale } from '@mamoru/domain';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n/i18n-context';
import { formatCompactYen, formatStoryTime } from '../i18n/format';
import { elementSize, followSize } from './chart-size';
import type { EndLabel } from './chart-scale';
import { MINUTE_INCREMENTS, niceMax, spreadLabels, timeAxisMax } from './chart-scale';
import type { RevenueSeries, SeriesTeam } from './revenue-series';
import { teamColor } from './team-colors';
import './revenue-chart.css';

interface Props {
  series: RevenueSeries;
  /** `series.version` when rendered: new points to draw. */
  version: number;
  durationMinutes: number;
  clockStartsAtMinutes: number | undefined;
  /** Draws the freeze minute as a dashed line. */
  frozenAtMinute: number | null;
}

const AXIS_COLOR = '#a9b6cc';
const GRID_COLOR = 'rgba(255, 255, 255, 0.08)';
const FROZEN_COLOR = '#8ecbff';
/** The panel's colour around the end labels, so that lines passing behind do not blur them. */
const LABEL_HALO = '#0e1522';

/**
 * Revenue over time for every team (uPlot, canvas). The plot is made once (again only when the
 * teams, the language or the scenario's times change); new points are drawn with setData.
 */
export function RevenueChart({ series, version, durationMinutes, clockStartsAtMinutes, frozenAtMinute }: Props) {
  const { t, locale } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const frozen = useRef(frozenAtMinute);
  frozen.current = frozenAtMinute;
  const teamsVersion = series.teamsVersion;

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const style = getComputedStyle(element);
    const fontPx = parseFloat(style.fontSize) || 16;
    const options = chartOptions({
      ...elementSize(element),
      teams: series.teams,
      locale,
      fontPx,
      fontFamily: style.fontFamily,
      durationMinutes,
      clockStartsAtMinutes,
      frozenAt: () => frozen.current,
    });
    const chart = new uPlot(options, series.data(), element);
    plot.current = chart;
    const unfollow = followSize(chart, element);
    return () => {
      unfollow();
      chart.destroy();
      plot.current = null;
    };
  }, [series, teamsVersion, locale, durationMinutes, clockStartsAtMinutes]);

  useEffect(() => {
    plot.current?.setData(series.data());
  }, [series, version]);

  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [frozenAtMinute]);

  const empty = series.length < 2;
  return (
    <figure className="revenue-chart" data-testid="chart" data-points={series.length} data-teams={series.teams.length}>
      <div className="revenue-chart__plot" ref={holder} role="img" aria-label={t('chart.label')} />
      {empty && <figcaption className="revenue-chart__empty">{t('chart.empty')}</figcaption>}
    </figure>
  );
}

interface OptionsInput {
  width: number;
  height: number;
  teams: readonly SeriesTeam[];
  locale: Locale;
  fontPx: number;
  fontFamily: string;
  durationMinutes: number;
  clockStartsAtMinutes: number | undefined;
  frozenAt: () => number | null;
}

function chartOptions(input: OptionsInput): uPlot.Options {
  const { fontPx, fontFamily, locale, clockStartsAtMinutes } = input;
  const font = `600 ${Math.round(fontPx * 0.85)}px ${fontFamily}`;
  const labelWidth = Math.round(fontPx * 6);
  const axis = {
    stroke: AXIS_COLOR,
    font,
    grid: { stroke: GRID_COLOR, width: 1 },
    ticks: { stroke: GRID_COLOR, width: 1, size: 6 },
  };
  return {
    width: Math.max(100, input.width),
    height: Math.max(100, input.height),
    legend: { show: false },
    cursor: { show: false },
    padding: [Math.round(fontPx * 0.8), labelWidth, 0, 0],
    scales: {
      x: { time: false, range: (_self, _min, max) => [0, timeAxisMax(max, input.durationMinutes)] },
      y: { range: (_self, _min, max) => [0, niceMax(max)] },
    },
    axes: [
      {
        ...axis,
        space: fontPx * 4.5,
        incrs: MINUTE_INCREMENTS,
        values: (_self, splits) => splits.map((minute) => formatStoryTime(minute, clockStartsAtMinutes)),
      },
      {
        ...axis,
        size: Math.round(fontPx * 5.4),
        space: fontPx * 2.4,
        values: (_self, splits) => splits.map((amount) => formatCompactYen(amount, locale)),
      },
    ],
    series: [
      {},
      ...input.teams.map((team) => ({
        label: team.name,
        stroke: teamColor(team.number),
        width: 2.5,
        points: { show: false },
        spanGaps: true,
      })),
    ],
    hooks: {
      draw: [(self: uPlot) => drawOverlays(self, input.teams, input.frozenAt(), fontPx, fontFamily, labelWidth)],
    },
  };
}

/** The freeze line, and each team's name at the end of its line (moved apart so that none overlap). */
function drawOverlays(
  self: uPlot,
  teams: readonly SeriesTeam[],
  frozenAt: number | null,
  fontPx: number,
  fontFamily: string,
  labelWidth: number,
): void {
  const { ctx, bbox } = self;
  const ratio = uPlot.pxRatio;
  ctx.save();

  if (frozenAt !== null) {
    const x = Math.round(self.valToPos(frozenAt, 'x', true));
    ctx.strokeStyle = FROZEN_COLOR;
    ctx.lineWidth = 2 * ratio;
    ctx.setLineDash([6 * ratio, 5 * ratio]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  const xs = self.data[0];
  const labels: (EndLabel & { x: number })[] = [];
  teams.forEach((team, index) => {
    const ys = self.data[index + 1];
    for (let i = ys.length - 1; i >= 0; i--) {
      const value = ys[i];
      if (value === null || value === undefined) continue;
      labels.push({
        x: self.valToPos(xs[i], 'x', true),
        y: self.valToPos(value, 'y', true),
        text: team.name,
        color: teamColor(team.number),
      });
      break;
    }
  });
  if (labels.length > 0) {
    const size = fontPx * 0.8 * ratio;
    ctx.font = `700 ${size}px ${fontFamily}`;
    ctx.textBaseline = 'middle';
    const maxWidth = (labelWidth - 8) * ratio;
    const right = Math.max(...labels.map((label) => label.x)) + 6 * ratio;
    ctx.lineJoin = 'round';
    ctx.lineWidth = 3 * ratio;
    ctx.strokeStyle = LABEL_HALO;
    for (const label of spreadLabels(labels, size * 1.1, bbox.top + size / 2, bbox.top + bbox.height - size / 2)) {
      const text = fitText(ctx, label.text, maxWidth);
      ctx.strokeText(text, right, label.y);
      ctx.fillStyle = label.color;
      ctx.fillText(text, right, label.y);
    }
  }
  ctx.restore();
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > maxWidth) end--;
  return `${text.slice(0, end)}…`;
}
