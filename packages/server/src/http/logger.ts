// The app's log: one JSON object per line. Its own module so that the request context and the app
// can both name it without importing each other.

export type LogRecord = Record<string, unknown>;

export interface Logger {
  info(record: LogRecord): void;
  error(record: LogRecord): void;
}

/** One JSON object per line: info to stdout, errors to stderr. */
export const consoleLogger: Logger = {
  info: (record) => console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', ...record })),
  error: (record) => console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', ...record })),
};
