import { html, svg, css, nothing } from 'lit';
import { msg } from '@lit/localize';
import { num } from './locale.js';

export interface ChartRow {
  label: string;
  value: number;
  /** Shown after the value in the table (e.g. a mean rating). */
  note?: string;
}

/**
 * A bar chart with its data table, no chart library: each bar is an SVG rect (an attribute, so a
 * strict CSP with no inline styles allows it; mirrored in right-to-left so it grows from the start
 * edge), every bar carries its number as text, and the table beside it says the same, so nothing
 * is told by colour or length alone.
 */
export function barChart(caption: string, rows: readonly ChartRow[], valueHeading: string) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return html`<figure class="chart">
    <figcaption>${caption}</figcaption>
    <div class="bars" aria-hidden="true">
      ${rows.map(
        (r) =>
          html`<div class="bar-row">
            <span class="bar-label">${r.label}</span>
            <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
              ${svg`<rect class="bar" x="0" y="0" height="10" width=${(r.value / max) * 100}></rect>`}
            </svg>
            <span class="bar-value">${num(r.value)}</span>
          </div>`,
      )}
    </div>
    <table class="data">
      <caption class="visually-hidden">${caption}</caption>
      <thead>
        <tr>
          <th scope="col">${msg('مورد', { id: 'c.chart.item' })}</th>
          <th scope="col">${valueHeading}</th>
          ${rows.some((r) => r.note) ? html`<th scope="col">${msg('جزئیات', { id: 'c.chart.details' })}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.label}</th>
              <td>${num(r.value)}</td>
              ${rows.some((x) => x.note) ? html`<td>${r.note ?? ''}</td>` : nothing}
            </tr>`,
        )}
      </tbody>
    </table>
  </figure>`;
}

export const chartStyles = css`
  .chart {
    margin: 0 0 var(--_space);
    display: grid;
    gap: 0.75rem;
    grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
    align-items: start;
  }
  .chart figcaption {
    grid-column: 1 / -1;
    font-weight: 600;
  }
  /* One grid for every row, so all bars start at the same edge and their lengths compare. */
  .bars {
    display: grid;
    grid-template-columns: fit-content(45%) 1fr auto;
    gap: 0.35rem 0.5rem;
    align-items: center;
  }
  .bar-row {
    display: contents;
  }
  .bar-track {
    display: block;
    inline-size: 100%;
    block-size: 1rem;
    background: var(--_subtle);
    border-radius: 0.25rem;
  }
  .bar-track:dir(rtl) {
    transform: scaleX(-1);
  }
  .bar {
    fill: var(--_primary);
  }
  /* Forced colours: a bar is still drawn, in the system's text colour. */
  @media (forced-colors: active) {
    .bar {
      fill: CanvasText;
    }
  }
  @media (max-width: 48rem) {
    .chart {
      grid-template-columns: 1fr;
    }
  }
`;
