// Builds the runtime locale modules (src/generated/) from xliff/ with lit-localize. Persian is
// the source locale; untranslated units of en and bal fall back to it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@lit/localize-tools/package.json')), 'bin', 'lit-localize.js');
const run = spawnSync(process.execPath, [cli, process.argv[2] === 'extract' ? 'extract' : 'build'], { cwd: here, encoding: 'utf8' });
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  process.exit(1);
}
const output = `${run.stdout}\n${run.stderr}`;
const missing = output.split('\n').filter((l) => l.includes('is missing'));
const missingEn = missing.filter((l) => l.startsWith('en '));
if (missingEn.length) {
  // English is a complete locale: a missing unit is a bug, not a fallback.
  console.error(missingEn.join('\n'));
  process.exit(1);
}
if (process.argv[2] !== 'extract') console.log(`locales built (${missing.length} bal units fall back to Persian)`);
