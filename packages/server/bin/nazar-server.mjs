#!/usr/bin/env node
// nazar-server: the Nazar backend's command line. For now only `start` (a later version adds
// migrate, seed, token create, export, backup).
const USAGE = `Usage: nazar-server <command>

Commands:
  start        serve the API, the widgets and the demo page (default)

Options:
  -h, --help   show this help

Environment:
  NAZAR_PORT              port to listen on (default 8787)
  NAZAR_HOST              address to listen on (default 127.0.0.1)
  NAZAR_DATABASE_URL      sqlite:path (default sqlite:./data/nazar.db) or memory:
  NAZAR_ALLOWED_ORIGINS   comma-separated origins of the sites that may embed the widgets
                          (default http://127.0.0.1:<port>,http://localhost:<port>)
  NAZAR_ADMIN_TOKEN       Bearer token for /v1/admin/* (at least 16 characters);
                          without it the admin API is disabled
`;

const args = process.argv.slice(2);
const command = args.find((a) => !a.startsWith('-')) ?? 'start';

if (args.includes('-h') || args.includes('--help') || command === 'help') {
  process.stdout.write(USAGE);
} else if (command === 'start') {
  // The same as `node --import tsx src/main.ts`, in this one process (no child to orphan).
  await import('tsx');
  await import(new URL('../src/main.ts', import.meta.url).href);
} else {
  process.stderr.write(`nazar-server: unknown command "${command}"\n\n${USAGE}`);
  process.exitCode = 1;
}
