// Where a page's bytes go: each JS file the page loaded, its gzip size shared among the source
// modules in it in proportion to the code each contributed (dist/attribution.json, written by the
// build). gzip works across a whole file, so a module's share is an estimate; the files' totals
// are exact. Written into bench/RESULTS.md by `npm run bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(import.meta.dirname, '..', 'packages/elements/dist');

export interface ModuleShare {
  module: string;
  gzip: number;
}

/** The page's files, their gzip bytes spread over their modules; largest first. */
export function attribute(files: { name: string; gzip: number }[]): ModuleShare[] {
  const attribution = JSON.parse(readFileSync(join(dist, 'attribution.json'), 'utf8')) as Record<string, Record<string, number>>;
  const shares: ModuleShare[] = [];
  for (const file of files) {
    const modules = attribution[file.name.replace(/^\//, '')];
    if (!modules) {
      shares.push({ module: `${file.name.replace(/^\//, '')} (not bundled: copied as is)`, gzip: file.gzip });
      continue;
    }
    const total = Object.values(modules).reduce((n, v) => n + v, 0);
    for (const [module, length] of Object.entries(modules)) shares.push({ module, gzip: (file.gzip * length) / total });
  }
  return shares.sort((a, b) => b.gzip - a.gzip);
}

/** What a module is part of, for the summary table. */
export function area(module: string): string {
  if (/^(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(module) || module.includes('@oxc-project')) return 'lit';
  if (module.startsWith('@lit/localize/')) return '@lit/localize';
  if (module.startsWith('idb-keyval/')) return 'idb-keyval';
  if (/packages\/elements\/src\/(loader|intl)|^nazar-intl/.test(module)) return 'loader and ICU warm-up';
  if (module.includes('packages/protocol/src/check/')) return 'protocol: shapes and rules';
  if (module.includes('packages/protocol/')) return 'protocol: vocabulary, routes, text, codes';
  if (module.includes('packages/client/src/outbox/')) return 'client: the Outbox';
  if (module.includes('packages/client/')) return 'client: HTTP and reads';
  const widget = /packages\/elements\/src\/(service-feedback|draft-consultation|quick-poll|tracking-lookup)\//.exec(module);
  if (widget) return `<${widget[1]}> itself`;
  if (module.includes('/generated/locales/')) return 'strings of other locales';
  if (module.includes('packages/elements/src/internal/') && module.includes('styles')) return 'elements: shared styles';
  if (module.includes('packages/elements/src/internal/')) return 'elements: shared parts (messages, forms, formats, base)';
  return 'other';
}

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

export function accountMarkdown(page: string, files: { name: string; gzip: number }[], top = 25): string {
  const shares = attribute(files);
  const byArea = new Map<string, number>();
  for (const s of shares) byArea.set(area(s.module), (byArea.get(area(s.module)) ?? 0) + s.gzip);
  const total = files.reduce((n, f) => n + f.gzip, 0);
  const areas = [...byArea.entries()].sort((a, b) => b[1] - a[1]);
  return `#### ${page}: ${kb(total)}

| part | gzip | share |
|---|---|---|
${areas.map(([a, n]) => `| ${a} | ${kb(n)} | ${((100 * n) / total).toFixed(0)} % |`).join('\n')}

<details><summary>The ${top} largest modules</summary>

| module | gzip (estimate) |
|---|---|
${shares
  .slice(0, top)
  .map((s) => `| \`${s.module}\` | ${Math.round(s.gzip)} B |`)
  .join('\n')}

</details>
`;
}
