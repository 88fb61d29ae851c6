import { css } from 'lit';

export const draftConsultationStyles = css`
  h2 {
    font-size: 1.35em;
    font-weight: bold;
  }
  h3 {
    font-size: 1.1em;
    font-weight: bold;
  }
  .stack > * + * {
    margin-block-start: 0.5rem;
  }
  .kind {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .summary {
    white-space: pre-wrap;
  }
  .banner {
    margin-block-start: var(--_space);
    padding: 0.75rem var(--_space);
    border-radius: var(--_radius);
    background: var(--_subtle);
    border-inline-start: 5px solid var(--_border);
  }
  .banner-open {
    border-inline-start-color: var(--_success);
  }
  .banner-issued {
    border-inline-start-color: var(--_primary);
  }
  .banner-withdrawn {
    border-inline-start-color: var(--_danger);
  }
  .banner > * + * {
    margin-block-start: 0.25rem;
  }
  .banner-text {
    font-weight: bold;
  }
  .countdown {
    display: inline-block;
    padding-inline: 0.5rem;
    border-radius: 1rem;
    background: var(--_surface);
  }
  .outcome,
  .own,
  .removed,
  nazar-tracking-lookup {
    display: block;
    margin-block-start: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .outcome > * + *,
  .own > * + * {
    margin-block-start: 0.5rem;
  }
  .outcome-summary {
    white-space: pre-wrap;
  }
  .own ul {
    list-style: none;
  }
  .own li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    min-block-size: 2.75rem;
  }
  .code {
    font-weight: bold;
    unicode-bidi: isolate;
  }
  /* Laid out behind the page's own text, over it and as wide, so that showing it changes no
     line: only its position (see "staged" in draft-consultation.ts). */
  :host {
    position: relative;
  }
  .staged {
    position: absolute;
    inset-block-start: 0;
    inset-inline: 0;
    visibility: hidden;
  }
  .clauses {
    list-style: none;
    margin-block-start: var(--_space);
  }
  .clause {
    padding-block: var(--_space);
    border-block-start: 1px solid var(--_border);
    /* Off-screen clauses skip layout and paint but stay in the DOM and the accessibility tree. */
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
  }
  /* The first batch (FIRST_BATCH) fills the first screen: skipping its layout would only cost a
     second layout pass in the first frame. */
  .clause:nth-child(-n + 3) {
    content-visibility: visible;
  }
  .clause > * + * {
    margin-block-start: 0.5rem;
  }
  .clause-title {
    scroll-margin-block-start: 1rem;
  }
  .clause-text {
    white-space: pre-wrap;
    line-height: 2;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.5rem;
    padding-inline: 0.5rem;
    border-radius: 1rem;
    background: var(--_primary);
    color: var(--_on-primary);
    font-size: 0.8em;
  }
  ins {
    text-decoration: underline;
    text-decoration-thickness: 2px;
    text-decoration-color: var(--_success);
    background: color-mix(in srgb, var(--_success) 12%, transparent);
  }
  del {
    text-decoration: line-through;
    text-decoration-color: var(--_danger);
    color: var(--_muted);
    background: color-mix(in srgb, var(--_danger) 10%, transparent);
  }
  /* A replaced word: a gap between what went and what came (the texts have no space there). */
  del + ins {
    margin-inline-start: 0.3em;
  }
  .comment-toggle {
    min-block-size: 2.75rem;
  }
  nazar-comment-panel {
    margin-block-start: var(--_space);
  }
  .whole {
    margin-block-start: var(--_space);
  }
`;
