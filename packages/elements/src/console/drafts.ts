/**
 * What an official is typing (a reply, an answer, a disposition, a whole final text) kept in
 * sessionStorage until it is saved, so a failed save, a reload or a revoked token loses nothing.
 * sessionStorage, not localStorage: a shared office computer keeps no citizen's words past the tab.
 */
const PREFIX = 'nazar.console.draft:';

export function readDraft<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the text is still in the form.
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing to clear.
  }
}
