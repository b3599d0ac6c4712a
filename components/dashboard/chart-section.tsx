import { useId, type ReactNode } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { ChartCanvas } from './chart-canvas';

export interface FigureTable {
  /** The table's caption: what one row is. */
  caption: string;
  head: string[];
  rows: (string | number)[][];
}

interface Props {
  title: string;
  /** The key figures in words, shown under the heading (and read for the chart). */
  summary: string;
  /** Null: nothing to plot; `empty` says why instead of an empty chart. */
  config: ChartConfiguration | null;
  empty: string;
  table: FigureTable | null;
  children?: ReactNode;
}

/**
 * One chart with a heading, its key figures in words, and every plotted value in a table behind
 * a disclosure: a canvas is an image to a screen reader, the table is what it can read.
 */
export function ChartSection({ title, summary, config, empty, table, children }: Props) {
  const headingId = useId();
  return (
    <section className="chart-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {config ? (
        <>
          <p className="chart-summary">{summary}</p>
          <ChartCanvas config={config} label={`${title}: ${summary}`} />
          {table && table.rows.length > 0 && (
            <details className="figures">
              <summary>Figures as a table</summary>
              <table>
                <caption>{table.caption}</caption>
                <thead>
                  <tr>
                    {table.head.map((cell, i) => (
                      <th key={i} scope="col">
                        {cell}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, r) => (
                    <tr key={r}>
                      {row.map((cell, c) =>
                        c === 0 ? (
                          <th key={c} scope="row">
                            {cell}
                          </th>
                        ) : (
                          <td key={c}>{cell}</td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </>
      ) : (
        <p className="chart-empty">{empty}</p>
      )}
      {children}
    </section>
  );
}
