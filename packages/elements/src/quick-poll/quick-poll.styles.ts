import { css } from 'lit';

export const quickPollStyles = css`
  h2,
  legend {
    font-size: 1.2em;
    font-weight: bold;
  }
  .kind {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .stack > * + * {
    margin-block-start: var(--_space);
  }
  .description {
    white-space: pre-wrap;
  }
  .options {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-block-start: 0.5rem;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    min-block-size: 2.75rem;
    padding-inline: 0.5rem;
    border-radius: calc(var(--_radius) / 2);
    font-weight: normal;
    cursor: pointer;
  }
  .option:hover {
    background: var(--_subtle);
  }
  .option input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    flex: none;
  }
  .results {
    inline-size: 100%;
    border-collapse: collapse;
  }
  .results caption {
    text-align: start;
    font-weight: bold;
    padding-block-end: 0.5rem;
  }
  .results th,
  .results td {
    padding-block: 0.35rem;
    padding-inline: 0.25rem;
    text-align: start;
    vertical-align: middle;
    font-weight: normal;
  }
  .results th {
    inline-size: 40%;
  }
  .results tr.mine th {
    font-weight: bold;
  }
  .bar-cell {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  /* The track is a flex row, so the bar grows from the inline start: right in RTL, left in LTR. */
  .track {
    display: flex;
    flex: 1;
    block-size: 0.9rem;
    border-radius: 0.45rem;
    background: var(--_subtle);
    overflow: hidden;
  }
  .bar {
    display: block;
    block-size: 100%;
    background: var(--_primary);
    border-radius: 0.45rem;
  }
  .percent {
    min-inline-size: 3rem;
    text-align: end;
  }
  .results .count {
    inline-size: 4rem;
    text-align: end;
    color: var(--_muted);
  }
`;
