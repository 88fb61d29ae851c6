#!/usr/bin/env node
// nazar-server: the Nazar backend's command line, run from the build (dist/: plain JavaScript, no
// TypeScript loader). `start` runs the server in this one process (src/node/main.ts); the other
// commands live in src/node/cli.ts. In a checkout, `npm run build` or `npm start` builds.
const USAGE = `Usage: nazar-server <command> [options]

Commands:
  start                      serve the API, the widgets and the demo page (default)
  migrate                    apply schema migrations and print the version
  seed                       put demo content into an empty database
  token create|list|revoke   admin API tokens (roles: admin, moderator, viewer)
  export KIND                comments, feedback or votes as CSV or JSON (with filters)
  backup FILE                online backup of a SQLite database (PostgreSQL: prints pg_dump)

Run nazar-server <command> --help for a command's options.

Options:
  -h, --help   show this help

Environment:
  NAZAR_PORT              port to listen on (default 8787)
  NAZAR_HOST              address to listen on (default 127.0.0.1)
  NAZAR_DATABASE_URL      sqlite:path (default sqlite:./data/nazar.db), postgres://… or memory:
  NAZAR_ALLOWED_ORIGINS   comma-separated origins of the sites that may embed the widgets
                          (default http://127.0.0.1:<port>,http://localhost:<port>); the sites
                          table (/v1/admin/sites) adds more
  NAZAR_ADMIN_TOKEN       a Bearer token for /v1/admin/* with the admin role (at least 16
                          characters); tokens made with \`nazar-server token create\` work too
  NAZAR_SEED              false: no demo content in an empty database (default true)
  NAZAR_SUBMITS_PER_MINUTE, NAZAR_SUBMIT_BURST   feedback and comments per client address
                          (default 120 a minute, burst 60; 0 turns the limit off)
  NAZAR_VOTES_PER_MINUTE, NAZAR_VOTE_BURST       votes per client address (default 20, burst 10)
  NAZAR_VOTER_VOTES_PER_MINUTE, NAZAR_VOTER_BURST  votes per voter key (default 30, burst 60)
  NAZAR_TRUST_PROXY       true: the client address is the last X-Forwarded-For entry
`;

const args = process.argv.slice(2);
const command = args.find((a) => !a.startsWith('-')) ?? 'start';
const rest = args.slice(args.indexOf(command));
const help = args.includes('-h') || args.includes('--help');

/**
 * `#main` / `#cli` are this package's own imports (package.json "imports"): dist/ by default; the
 * TypeScript sources under the "source" condition, as the tests run it
 * (`node --conditions=source --import tsx bin/nazar-server.mjs`). A checkout never built says how to build.
 */
async function load(specifier) {
  try {
    return await import(specifier);
  } catch (err) {
    const missing = err?.code === 'ERR_MODULE_NOT_FOUND' && /[\\/]dist[\\/]/.test(String(err.message));
    if (!missing) throw err;
    process.stderr.write(
      'nazar-server: the build (packages/server/dist/) is missing: run  npm run build  (or node packages/server/scripts/build.mjs)\n',
    );
    process.exit(1);
  }
}

if (command === 'help' || (help && (command === 'start' || args.indexOf(command) === -1))) {
  process.stdout.write(USAGE);
} else if (command === 'start') {
  await load('#main');
} else if (['migrate', 'seed', 'token', 'export', 'backup'].includes(command)) {
  const { runCli } = await load('#cli');
  process.exitCode = await runCli(args.indexOf(command) === -1 ? [command] : rest);
} else {
  process.stderr.write(`nazar-server: unknown command "${command}"\n\n${USAGE}`);
  process.exitCode = 1;
}
