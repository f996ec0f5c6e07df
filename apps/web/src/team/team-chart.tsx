import { elementSize, followSize } from '../board/chart-size';
import type { Locale } from '@mamoru/domain';
import { memo, useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { MINUTE_INCREMENTS, niceMax, timeAxisMax } from '../board/chart-scale';
import { formatCompactYen, formatStoryTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { TeamHistory } from './team-history';

const AXIS_COLOR = '#a9b6cc';
const GRID_COLOR = 'rgba(255, 255, 255, 0.08)';

interface Line {
  label: MessageKey;
  color: string;
  /** Dashed lines tell the series apart without colour. */
  dash?: number[];
  scale: string;
}

const MONEY: Line[] = [
  { label: 'team.chart.revenue', color: '#4dabf7', scale: 'yen' },
  { label: 'team.chart.cash', color: '#5ad97a', dash: [8, 5], scale: 'yen' },
];
const HEALTH: Line[] = [
  { label: 'team.chart.trust', color: '#ffc53d', scale: 'pct' },
  { label: 'team.chart.downtime', color: '#ff6b6b', dash: [3, 4], scale: 'min' },
];

/** The team's figures per tick: revenue and cash in yen; trust (%) and downtime (minutes). */
export const TeamChart = memo(function TeamChart({
  history,
  durationMinutes,
  clockStartsAtMinutes,
}: {
  history: TeamHistory;
  durationMinutes: number;
  clockStartsAtMinutes: number | undefined;
}) {
  const { t } = useI18n();
  const money = useMemo<uPlot.AlignedData>(() => [history.ticks, history.revenueYen, history.cashYen], [history]);
  const health = useMemo<uPlot.AlignedData>(
    () => [history.ticks, history.trust.map((v) => v * 100), history.downtimeMinutes],
    [history],
  );
  const charts: { lines: Line[]; data: uPlot.AlignedData; label: MessageKey }[] = [
    { lines: MONEY, data: money, label: 'team.chart.moneyLabel' },
    { lines: HEALTH, data: health, label: 'team.chart.healthLabel' },
  ];
  return (
    <section className="panel team-chart" data-testid="team-chart" data-points={history.ticks.length}>
      <h2>{t('team.chart.title')}</h2>
      {history.ticks.length < 2 && <p className="muted">{t('team.chart.empty')}</p>}
      {charts.map((chart) => (
        <MiniChart
          key={chart.label}
          lines={chart.lines}
          data={chart.data}
          label={t(chart.label)}
          durationMinutes={durationMinutes}
          clockStartsAtMinutes={clockStartsAtMinutes}
        />
      ))}
    </section>
  );
});

function canDraw(): boolean {
  if (typeof ResizeObserver === 'undefined') return false;
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

function MiniChart({
  lines,
  data,
  label,
  durationMinutes,
  clockStartsAtMinutes,
}: {
  lines: Line[];
  data: uPlot.AlignedData;
  label: string;
  durationMinutes: number;
  clockStartsAtMinutes: number | undefined;
}) {
  const { t, locale } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const element = holder.current;
    if (!element || !canDraw()) return;
    const style = getComputedStyle(element);
    const fontPx = parseFloat(style.fontSize) || 16;
    const chart = new uPlot(
      options(
        lines,
        elementSize(element, MIN_SIZE),
        locale,
        fontPx,
        style.fontFamily,
        durationMinutes,
        clockStartsAtMinutes,
      ),
      latest.current,
      element,
    );
    plot.current = chart;
    const unfollow = followSize(chart, element, MIN_SIZE);
    return () => {
      unfollow();
      chart.destroy();
      plot.current = null;
    };
  }, [lines, locale, durationMinutes, clockStartsAtMinutes]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <figure className="team-chart__figure">
      <div className="team-chart__plot" ref={holder} role="img" aria-label={label} />
      <figcaption className="team-chart__legend">
        {lines.map((line) => (
          <span key={line.label} className="team-chart__key">
            <svg width="28" height="10" aria-hidden="true">
              <line
                x1="1"
                y1="5"
                x2="27"
                y2="5"
                stroke={line.color}
                strokeWidth="3"
                strokeDasharray={line.dash?.join(' ')}
              />
            </svg>
            {t(line.label)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A panel too narrow (or not laid out yet) still gets a chart of this size. */
const MIN_SIZE = { width: 100, height: 80 };

function options(
  lines: Line[],
  size: { width: number; height: number },
  locale: Locale,
  fontPx: number,
  fontFamily: string,
  durationMinutes: number,
  clockStartsAtMinutes: number | undefined,
): uPlot.Options {
  const font = `600 ${Math.round(fontPx * 0.75)}px ${fontFamily}`;
  const axis = {
    stroke: AXIS_COLOR,
    font,
    grid: { stroke: GRID_COLOR, width: 1 },
    ticks: { stroke: GRID_COLOR, width: 1, size: 4 },
  };
  const scales: uPlot.Scales = {
    x: { time: false, range: (_self, _min, max) => [0, timeAxisMax(max, durationMinutes)] },
  };
  const axes: uPlot.Axis[] = [
    {
      ...axis,
      space: fontPx * 4,
      incrs: MINUTE_INCREMENTS,
      values: (_self, splits) => splits.map((minute) => formatStoryTime(minute, clockStartsAtMinutes)),
    },
  ];
  const used = [...new Set(lines.map((l) => l.scale))];
  used.forEach((scale, index) => {
    if (scale === 'yen') {
      scales.yen = {
        range: (_self, min, max) => [Math.min(0, min < 0 ? -niceMax(-min) : 0), niceMax(Math.max(1, max))],
      };
      axes.push({
        ...axis,
        scale: 'yen',
        size: Math.round(fontPx * 4.6),
        values: (_self, splits) => splits.map((v) => formatCompactYen(v, locale)),
      });
    } else if (scale === 'pct') {
      scales.pct = { range: [0, 100] };
      axes.push({
        ...axis,
        scale: 'pct',
        size: Math.round(fontPx * 3),
        values: (_s, splits) => splits.map((v) => `${v}%`),
      });
    } else {
      scales.min = { range: (_self, _min, max) => [0, niceMax(max, 5)] };
      axes.push({
        ...axis,
        scale: 'min',
        side: index > 0 ? 1 : 3,
        grid: { show: false },
        size: Math.round(fontPx * 3),
        values: (_s, splits) => splits.map((v) => (locale === 'ja' ? `${v}分` : `${v}m`)),
      });
    }
  });
  return {
    width: size.width,
    height: size.height,
    legend: { show: false },
    cursor: { show: false },
    padding: [Math.round(fontPx * 0.5), Math.round(fontPx * 1.6), 0, 0],
    scales,
    axes,
    series: [
      {},
      ...lines.map((line) => ({
        scale: line.scale,
        stroke: line.color,
        width: 2,
        dash: line.dash,
        points: { show: false },
        spanGaps: true,
      })),
    ],
  };
}
