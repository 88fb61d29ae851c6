import { css } from 'lit';

export const commentPanelStyles = css`
  :host {
    display: block;
  }
  :host > * + * {
    margin-block-start: var(--_space);
  }
  h3,
  h4 {
    font-size: 1em;
    font-weight: bold;
  }
  .comment-list {
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  .comment {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .author {
    font-weight: bold;
    color: var(--_text);
  }
  .stance {
    padding-inline: 0.5rem;
    border-radius: 1rem;
    background: var(--_subtle);
    color: var(--_text);
    font-weight: bold;
  }
  .stance-support {
    border-inline-start: 4px solid var(--_success);
  }
  .stance-oppose {
    border-inline-start: 4px solid var(--_danger);
  }
  .stance-amend {
    border-inline-start: 4px solid var(--_primary);
  }
  .comment-text,
  .proposed p,
  .reply p {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .proposed,
  .reply {
    margin-block-start: 0.5rem;
    padding: 0.5rem 0.75rem;
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
  }
  .reply {
    border-inline-start: 4px solid var(--_primary);
  }
  .label {
    font-weight: bold;
    font-size: 0.9em;
  }
  .disposition {
    margin-block-start: 0.5rem;
    font-weight: bold;
  }
  .disposition-accepted {
    color: var(--_success);
  }
  .disposition-not-accepted {
    color: var(--_danger);
  }
  .comment-form {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .stance-options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-block-size: 2.75rem;
    font-weight: normal;
  }
  .choice input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
  }
  .stack > * + * {
    margin-block-start: var(--_space);
  }
`;
