/**
 * Chart.js configurations for the dashboard's figures. Each returns null when there is nothing
 * to plot, so the section shows its empty words instead of an empty frame.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type {
  DayStats,
  Group,
  Insights,
  Rate,
  RouteStats,
  TimingMetric,
  Votes,
} from '../../lib/insights/aggregate';
import {
  ERROR_CODE_LABELS,
  dayText,
  msText,
  percentText,
  usdText,
} from '../../lib/insights/insight-words';
import { SERIES } from './chart-setup';

type Config = ChartConfiguration;

function asConfig<T extends 'line' | 'bar'>(config: ChartConfiguration<T>): Config {
  return config as unknown as Config;
}

const percentAxis = {
  min: 0,
  max: 100,
  ticks: { callback: (value: string | number) => `${value}%` },
} as const;

export function timingConfig(days: DayStats[], metric: TimingMetric): Config | null {
  if (!days.some((day) => day.timings[metric].count > 0)) return null;
  const series = (key: 'p50' | 'p95', color: string): ChartDataset<'line', (number | null)[]> => ({
    label: key,
    data: days.map((day) => day.timings[metric][key]),
    borderColor: color,
    backgroundColor: color,
    spanGaps: true,
    pointRadius: 3,
  });
  return asConfig<'line'>({
    type: 'line',
    data: {
      labels: days.map((day) => dayText(day.day)),
      datasets: [series('p50', SERIES.p50), series('p95', SERIES.p95)],
    },
    options: {
      scales: {
        y: { beginAtZero: true, ticks: { callback: (value) => msText(Number(value)) } },
      },
      plugins: {
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label ?? ''} ${msText(item.parsed.y)}` },
        },
      },
    },
  });
}

function dayBars(
  days: DayStats[],
  label: string,
  color: string,
  value: (day: DayStats) => number,
  format: (value: number) => string,
): Config {
  return asConfig<'bar'>({
    type: 'bar',
    data: {
      labels: days.map((day) => dayText(day.day)),
      datasets: [{ label, data: days.map(value), backgroundColor: color }],
    },
    options: {
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => format(Number(v)) } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => format(item.parsed.y ?? 0) } },
      },
    },
  });
}

export function requestsPerDayConfig(days: DayStats[]): Config | null {
  if (!days.some((day) => day.requests > 0)) return null;
  return dayBars(
    days,
    'Requests',
    SERIES.requests,
    (day) => day.requests,
    (v) => (Number.isInteger(v) ? String(v) : ''),
  );
}

export function costPerDayConfig(days: DayStats[]): Config | null {
  if (!days.some((day) => day.cost.known > 0)) return null;
  return dayBars(days, 'Cost', SERIES.cost, (day) => day.cost.usd, usdText);
}

function horizontalBars(
  labels: string[],
  datasets: ChartDataset<'bar', number[]>[],
  options: { percent?: boolean; stacked?: boolean; legend?: boolean },
): Config {
  const x = options.percent
    ? percentAxis
    : {
        beginAtZero: true,
        stacked: options.stacked ?? false,
        ticks: { precision: 0 },
      };
  return asConfig<'bar'>({
    type: 'bar',
    data: { labels, datasets },
    options: {
      indexAxis: 'y',
      scales: { x, y: { stacked: options.stacked ?? false } },
      plugins: {
        legend: { display: options.legend ?? false },
        ...(options.percent
          ? {
              tooltip: {
                callbacks: { label: (item) => percentText((item.parsed.x ?? 0) / 100) },
              },
            }
          : {}),
      },
    },
  });
}

export function routesConfig(routes: RouteStats[]): Config | null {
  if (routes.length === 0) return null;
  return horizontalBars(
    routes.map((route) => route.label),
    [
      {
        label: 'Requests',
        data: routes.map((route) => route.requests),
        backgroundColor: SERIES.requests,
      },
    ],
    {},
  );
}

/** Rates as percentages: cache hits, fallbacks, errors and each error code. */
export function ratesConfig(rates: Insights['rates']): Config | null {
  const rows: [string, Rate][] = [
    ['Cache hits', rates.cacheHit],
    ['Fallbacks', rates.fallback],
    ['Errors (all)', rates.error],
    ...rates.errorsByCode.map(
      ({ code, rate }) => [`Error: ${ERROR_CODE_LABELS[code]}`, rate] as [string, Rate],
    ),
  ];
  const shown = rows.filter(([, rate]) => rate.rate !== null);
  if (shown.length === 0) return null;
  return horizontalBars(
    shown.map(([label]) => label),
    [
      {
        label: 'Share',
        data: shown.map(([, rate]) => (rate.rate ?? 0) * 100),
        backgroundColor: SERIES.rate,
      },
    ],
    { percent: true },
  );
}

export function acceptanceConfig(groups: Group<Rate>[]): Config | null {
  if (groups.length === 0) return null;
  return horizontalBars(
    groups.map((group) => group.label),
    [
      {
        label: 'Accepted',
        data: groups.map((group) => (group.value.rate ?? 0) * 100),
        backgroundColor: SERIES.up,
      },
    ],
    { percent: true },
  );
}

export function votesConfig(groups: Group<Votes>[]): Config | null {
  if (groups.length === 0) return null;
  return horizontalBars(
    groups.map((group) => group.label),
    [
      { label: 'Thumbs up', data: groups.map((g) => g.value.up), backgroundColor: SERIES.up },
      {
        label: 'Thumbs down',
        data: groups.map((g) => g.value.down),
        backgroundColor: SERIES.down,
      },
    ],
    { stacked: true, legend: true },
  );
}
