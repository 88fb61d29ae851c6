import type { FieldError } from '@nazar/protocol';

/**
 * The console's HTTP client for `/v1/admin/*`: the token as a Bearer header, JSON in and out, and
 * every failure as a ConsoleError with the problem's stable code (what the console translates).
 */
export class ConsoleError extends Error {
  constructor(
    /** A ProblemCode, or what a newer server sent. */
    readonly code: string,
    readonly status: number,
    readonly fields: readonly FieldError[] = [],
    /** Extra members of the problem (e.g. `commentIds` of a refused issue). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export interface ApiOptions {
  base: string;
  token: string;
  fetch?: typeof fetch;
}

export class AdminApi {
  readonly base: string;
  readonly token: string;
  private readonly doFetch: typeof fetch;

  constructor(options: ApiOptions) {
    this.base = options.base;
    this.token = options.token;
    this.doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  url(path: string): string {
    return new URL(path.replace(/^\//, ''), this.base).href;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** A file from an export route, for the browser to save (the token cannot go in a link). */
  async download(path: string): Promise<{ blob: Blob; filename: string }> {
    const response = await this.send('GET', path);
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'nazar-export';
    return { blob: await response.blob(), filename };
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.doFetch(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch {
      throw new ConsoleError('network', 0);
    }
    if (response.ok) return response;
    let problem: Record<string, unknown> = {};
    try {
      problem = (await response.json()) as Record<string, unknown>;
    } catch {
      // Not problem+json (a proxy's page): the status alone speaks.
    }
    const { code, errors, ...extra } = problem;
    throw new ConsoleError(
      typeof code === 'string' ? code : response.status === 401 ? 'unauthorized' : 'internal',
      response.status,
      Array.isArray(errors) ? (errors as FieldError[]) : [],
      extra,
    );
  }
}
