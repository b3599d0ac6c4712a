import { useEffect, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { Chart } from './chart-setup';

interface Props {
  config: ChartConfiguration;
  /** What the chart shows, in words: a canvas is an image to a screen reader. */
  label: string;
}

/** One Chart.js chart; a new `config` updates it in place rather than drawing a new one. */
export function ChartCanvas({ config, label }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);

  useEffect(() => {
    const current = chart.current;
    if (current && (current.config as ChartConfiguration).type === config.type) {
      current.data = config.data;
      if (config.options) current.options = config.options;
      current.update();
      return;
    }
    current?.destroy();
    chart.current = canvas.current ? new Chart(canvas.current, config) : null;
  }, [config]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
