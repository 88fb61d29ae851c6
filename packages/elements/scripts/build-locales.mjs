// Builds the runtime locale modules from xliff/ with lit-localize: the widgets' (src/generated/,
// lit-localize.json) and the officials' console's (src/console/generated/,
// lit-localize.console.json), kept apart so a citizen's page never loads the console's strings.
// Persian is the source locale; untranslated units of bal fall back to it. English is complete.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@lit/localize-tools/package.json')), 'bin', 'lit-localize.js');
const command = process.argv[2] === 'extract' ? 'extract' : 'build';

const summary = [];
for (const config of ['lit-localize.json', 'lit-localize.console.json']) {
  const run = spawnSync(process.execPath, [cli, command, `--config=${config}`], { cwd: here, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    process.exit(1);
  }
  const output = `${run.stdout}\n${run.stderr}`;
  const missing = output.split('\n').filter((l) => l.includes('is missing'));
  const missingEn = missing.filter((l) => l.startsWith('en '));
  if (missingEn.length) {
    // English is a complete locale: a missing unit is a bug, not a fallback.
    console.error(`${config}:\n${missingEn.join('\n')}`);
    process.exit(1);
  }
  summary.push(config === 'lit-localize.json' ? `${missing.length} bal units fall back to Persian` : 'console: fa, en');
}
if (command !== 'extract') console.log(`locales built (${summary.join('; ')})`);
