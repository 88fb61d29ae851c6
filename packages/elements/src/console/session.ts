/** The console's token: in sessionStorage only (gone with the tab), never a cookie. */
const KEY = 'nazar.console.token';

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, token);
  } catch {
    // Private mode without storage: the session lasts as long as the page.
  }
}
