import { PRIORITIES } from './model.js';
import { TIME_MEASURES, type TimeRow, type WeekRow } from './review-series.js';
import type { Side } from './sides.js';

/*
 * The review's charts as Vega-Lite specifications: plain data, drawn to SVG for the page and to PNG
 * for the reminders by whoever renders them. Everything people typed (organisation names) is data
 * here, never part of an expression.
 */

export type ChartSpec = Record<string, unknown>;

const WIDTH = 520;
const HEIGHT = 220;
const SIDE_COLOURS = ['#3b6ea5', '#e0822e'];
const PRIORITY_COLOURS = ['#b2182b', '#ef8a62', '#67a9cf', '#9e9e9e'];
const TIME_COLOURS = ['#1b7837', '#7fbf7b', '#762a83', '#af8dc3'];

const base = (title: string, description: string) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title,
  description,
  width: WIDTH,
  height: HEIGHT,
  background: 'white',
  config: {
    font: 'Liberation Sans, Arial, Helvetica, sans-serif',
    legend: { orient: 'bottom', columns: 2, labelLimit: 320 },
  },
});

const weekAxis = { field: 'week', type: 'ordinal', title: 'Week of (Monday)', axis: { labelAngle: -45 } };
const countAxis = {
  aggregate: 'sum',
  field: 'count',
  type: 'quantitative',
  title: 'Escalations',
  axis: { tickMinStep: 1, format: 'd' },
};

/** Escalations opened per week, stacked by the side that handled them. */
export function weeksBySideChart(rows: readonly WeekRow[], sideNames: Record<Side, string>): ChartSpec {
  const names = [sideNames.internal, sideNames.msp];
  return {
    ...base('Escalations per week, by the side that handled them', 'Stacked bars: escalations opened each week'),
    data: { values: rows.map((r) => ({ week: r.week, side: sideNames[r.side], count: r.count })) },
    mark: 'bar',
    encoding: {
      x: weekAxis,
      y: countAxis,
      color: { field: 'side', type: 'nominal', title: 'Handled by', scale: { domain: names, range: SIDE_COLOURS } },
    },
  };
}

/** Escalations opened per week, stacked by priority. */
export function weeksByPriorityChart(rows: readonly WeekRow[]): ChartSpec {
  return {
    ...base('Escalations per week, by priority', 'Stacked bars: escalations opened each week, P1 to P4'),
    data: { values: rows.map((r) => ({ week: r.week, priority: r.priority, count: r.count })) },
    mark: 'bar',
    encoding: {
      x: weekAxis,
      y: countAxis,
      color: {
        field: 'priority',
        type: 'nominal',
        title: 'Priority',
        scale: { domain: [...PRIORITIES], range: PRIORITY_COLOURS },
      },
    },
  };
}

/** MTTA and MTTR per month, median and 90th percentile, in minutes. */
export function timesChart(rows: readonly TimeRow[], months: readonly string[]): ChartSpec {
  return {
    ...base('MTTA and MTTR per month (minutes)', 'Lines: median and 90th percentile of MTTA and MTTR each month'),
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'Month', scale: { domain: [...months] } },
      y: { field: 'minutes', type: 'quantitative', title: 'Minutes' },
      color: {
        field: 'measure',
        type: 'nominal',
        title: null,
        scale: { domain: [...TIME_MEASURES], range: TIME_COLOURS },
      },
    },
  };
}
