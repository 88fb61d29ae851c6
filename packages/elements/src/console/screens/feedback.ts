import { html } from 'lit';
import { ConsoleScreen } from '../screen.js';

/** Placeholder until the screen is built. */
export class ConsoleFeedback extends ConsoleScreen {
  override render() {
    return html`<h2 tabindex="-1">feedback</h2>`;
  }
}
