/**
 * Chart.js with only the pieces the dashboard draws (line and bar charts on category and linear
 * axes, legend, tooltip), so the page bundles no other chart type. Import Chart from here.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

// Figures change as requests land; an animation would replay on every change.
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
Chart.defaults.color = dark ? '#9aa3b2' : '#5b6470';
Chart.defaults.borderColor = dark ? '#2e333e' : '#d9dde3';

/** Series colours, readable on the light and the dark background alike. */
export const SERIES = {
  p50: '#3b5bdb',
  p95: '#e8590c',
  requests: '#3b5bdb',
  cost: '#0c8599',
  rate: '#7048e8',
  up: '#2f9e44',
  down: '#e03131',
} as const;

export { Chart };
