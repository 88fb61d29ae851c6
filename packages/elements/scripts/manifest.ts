/**
 * The elements' public surface, described once and generated from their JSDoc and lit decorators:
 *
 *   node --import tsx packages/elements/scripts/manifest.ts
 *
 * writes
 *   packages/elements/custom-elements.json         the Custom Elements Manifest (@custom-elements-manifest/analyzer, lit)
 *   packages/elements/vscode.html-custom-data.json VS Code's HTML custom data (custom-element-vs-code-integration)
 *   packages/elements/vscode.css-custom-data.json  VS Code's CSS custom data (the --nazar-* properties, the parts)
 *   packages/elements/types/elements.d.ts          each element's attributes, properties and events, from the manifest
 *   packages/elements/types/react.d.ts             the elements in React 19's JSX.IntrinsicElements
 *   packages/elements/types/vue.d.ts               the elements in Vue 3's GlobalComponents
 *   docs/elements.md                               the element reference
 *
 * `manifest.test.ts` fails when any of them is stale. Only the public elements are described: their
 * class modules, their define modules (for the tag names) and the shared base class (for `api`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as analyzer from '@custom-elements-manifest/analyzer';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';

// The analyzer's typings describe its plugins, not create() and the TypeScript (5.4) it parses with.
const { create, ts } = analyzer as unknown as {
  create: (options: { modules: unknown[]; plugins?: unknown[] }) => unknown;
  ts: { createSourceFile(name: string, text: string, target: number, setParentNodes: boolean): unknown; ScriptTarget: { ES2022: number } };
};

const ELEMENTS_DIR = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(ELEMENTS_DIR, '..', '..');

/** The public elements, in the order the docs list them. */
export const PUBLIC_ELEMENTS = ['service-feedback', 'draft-consultation', 'quick-poll'] as const;

const SOURCES = ['src/internal/nazar-element.ts', ...PUBLIC_ELEMENTS.flatMap((tag) => [`src/${tag}/${tag}.ts`, `src/${tag}/define.ts`])];

// The manifest's shapes, as far as this script reads them (schema: custom-elements-manifest 1.0).
interface Typed {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}
interface Member extends Typed {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  attribute?: string;
  reflects?: boolean;
  readonly?: boolean;
  inheritedFrom?: Reference;
}
interface Attribute extends Typed {
  fieldName?: string;
  inheritedFrom?: Reference;
}
interface Reference {
  name: string;
  module?: string;
  package?: string;
}
export interface Declaration {
  kind: string;
  name: string;
  description?: string;
  summary?: string;
  tagName?: string;
  customElement?: boolean;
  superclass?: Reference;
  members?: Member[];
  attributes?: Attribute[];
  events?: (Typed & { inheritedFrom?: Reference })[];
  slots?: Typed[];
  cssParts?: Typed[];
  cssProperties?: Typed[];
  cssStates?: Typed[];
}
interface Export {
  kind: 'js' | 'custom-element-definition';
  name: string;
  declaration: Reference;
}
interface Module {
  kind: string;
  path: string;
  declarations?: Declaration[];
  exports?: Export[];
}
export interface Manifest {
  schemaVersion: string;
  readme?: string;
  modules: Module[];
}

/** `/src/x/y.js` (how the analyzer records an import) → `src/x/y.ts`, the module's own path. */
function modulePath(path: string | undefined): string | undefined {
  return path?.replace(/^\//, '').replace(/\.js$/, '.ts');
}

function fixReference(ref: Reference | undefined): void {
  if (ref?.module) ref.module = modulePath(ref.module);
}

/**
 * The analyzer's output, narrowed to the public surface: classes only (not module helpers), their
 * public instance members, and exports that point at a declaration the manifest has (so the
 * internal `nazar-comment-panel`, defined by draft-consultation's define module, is left out).
 */
function publicSurface(raw: Manifest): Manifest {
  const modules = raw.modules.map((m) => ({
    ...m,
    declarations: (m.declarations ?? [])
      .filter((d) => d.kind === 'class')
      .map((d) => {
        fixReference(d.superclass);
        const members = (d.members ?? []).filter((x) => (x.privacy ?? 'public') === 'public' && !x.static && !x.name.startsWith('#'));
        for (const x of [...members, ...(d.attributes ?? []), ...(d.events ?? [])]) fixReference(x.inheritedFrom);
        return { ...d, members };
      }),
  }));
  const declared = new Set(modules.flatMap((m) => m.declarations.map((d) => `${m.path}#${d.name}`)));
  const byName = new Map(modules.flatMap((m) => m.declarations.map((d) => [d.name, m.path] as const)));
  for (const m of modules) {
    m.exports = (m.exports ?? []).filter((e) => {
      fixReference(e.declaration);
      // A define module re-exports its class: point at the class's own module.
      const home = byName.get(e.declaration.name);
      if (e.kind === 'js' && home && e.declaration.module === m.path && !declared.has(`${m.path}#${e.declaration.name}`)) {
        e.declaration.module = home;
      }
      return declared.has(`${e.declaration.module}#${e.declaration.name}`);
    });
  }
  return { ...raw, modules };
}

/** The analyzer's lit support (decorators → attributes/properties): not in its package index, and untyped. */
const LIT_PLUGIN: string = '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

export async function buildManifest(): Promise<Manifest> {
  const { litPlugin } = (await import(LIT_PLUGIN)) as {
    litPlugin: () => unknown[];
  };
  const sources = SOURCES.map((path) =>
    ts.createSourceFile(path, readFileSync(join(ELEMENTS_DIR, path), 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  const raw = create({ modules: sources, plugins: litPlugin() }) as Manifest;
  return publicSurface(raw);
}

/** The declarations with a tag, in PUBLIC_ELEMENTS order. */
export function elementsOf(manifest: Manifest): Declaration[] {
  const all = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  return PUBLIC_ELEMENTS.map((tag) => {
    const d = all.find((x) => x.tagName === tag);
    if (!d) throw new Error(`custom-elements.json has no <${tag}>`);
    return d;
  });
}

/** Public properties an integrator sets from script: the fields (with or without an attribute). */
function propertiesOf(d: Declaration): Member[] {
  return (d.members ?? []).filter((m) => m.kind === 'field' && !m.readonly);
}

/** The detail type of a `CustomEvent<Detail>` event type. */
function detailOf(type: string | undefined): string {
  const m = /^CustomEvent<(.*)>$/.exec(type ?? '');
  return m ? m[1] : 'unknown';
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const vueHandler = (event: string) => `on${camel(event).replace(/^./, (c) => c.toUpperCase())}`;
const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
const jsdoc = (text: string | undefined, indent: string) => (text ? `${indent}/** ${oneLine(text).replace(/\*\//g, '*\\/')} */\n` : '');

const GENERATED = 'Generated from custom-elements.json by packages/elements/scripts/manifest.ts: do not edit.';

/** Identifiers the event types name (NazarQueuedDetail …): imported from the package's entry. */
function typeNames(elements: Declaration[]): string[] {
  const names = new Set<string>();
  for (const d of elements) {
    names.add(d.name);
    for (const e of d.events ?? [])
      for (const m of (e.type?.text ?? '').matchAll(/\b[A-Z]\w*/g)) if (m[0] !== 'CustomEvent') names.add(m[0]);
  }
  return [...names].sort();
}

function elementTypes(elements: Declaration[]): string {
  let out = `// ${GENERATED}\n`;
  out += `// Each element's attributes and properties (types as custom-elements.json records them) and events.\n`;
  out += `import type { ${typeNames(elements).join(', ')} } from '@nazar/elements';\n\n`;
  out += `export type { ${elements.map((d) => d.name).join(', ')} };\n`;
  for (const d of elements) {
    out += `\n/** Attributes and properties of \`<${d.tagName}>\`. */\nexport interface ${d.name}Props {\n`;
    const seen = new Set<string>();
    for (const p of propertiesOf(d)) {
      seen.add(p.name);
      out += jsdoc(p.description, '  ') + `  ${JSON.stringify(p.name)}?: ${p.type?.text ?? 'unknown'};\n`;
    }
    for (const a of d.attributes ?? []) {
      if (seen.has(a.name) || !a.fieldName) continue;
      out += jsdoc(a.description, '  ') + `  ${JSON.stringify(a.name)}?: ${a.type?.text ?? 'string'};\n`;
    }
    out += `}\n\n/** The events \`<${d.tagName}>\` dispatches (bubbling, composed). */\nexport interface ${d.name}Events {\n`;
    for (const e of d.events ?? []) out += jsdoc(e.description, '  ') + `  ${JSON.stringify(e.name)}: ${e.type?.text ?? 'Event'};\n`;
    out += `}\n`;
  }
  out += `\n/** Every public element by tag. */\nexport interface NazarElements {\n`;
  for (const d of elements)
    out += `  ${JSON.stringify(d.tagName)}: { element: ${d.name}; props: ${d.name}Props; events: ${d.name}Events };\n`;
  return out + `}\n`;
}

function reactTypes(elements: Declaration[]): string {
  let out = `// ${GENERATED}\n`;
  out += `// React 19: <service-feedback service="…" onnazar-delivered={(e) => e.detail.trackingCode} />. React 19 sets a\n`;
  out += `// prop as a property when the element has it (else as an attribute) and adds a listener for on<event>.\n`;
  out += `import type { DetailedHTMLProps, HTMLAttributes } from 'react';\n`;
  out += `import type { ${elements.flatMap((d) => [d.name, `${d.name}Props`]).join(', ')} } from './elements.js';\n\n`;
  out += `declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const d of elements) {
    out += jsdoc(d.summary ?? d.description, '      ');
    out += `      ${JSON.stringify(d.tagName)}: DetailedHTMLProps<HTMLAttributes<${d.name}>, ${d.name}> &\n        ${d.name}Props & {\n`;
    for (const e of d.events ?? [])
      out +=
        jsdoc(e.description, '          ') + `          ${JSON.stringify(`on${e.name}`)}?: (event: ${e.type?.text ?? 'Event'}) => void;\n`;
    out += `        };\n`;
  }
  out += `    }\n  }\n}\n`;
  // The event types name detail interfaces: bring them in too.
  const details = typeNames(elements).filter((n) => !elements.some((d) => d.name === n));
  return out.replace(
    `} from './elements.js';\n`,
    `} from './elements.js';\nimport type { ${details.join(', ')} } from '@nazar/elements';\n`,
  );
}

function vueTypes(elements: Declaration[]): string {
  let out = `// ${GENERATED}\n`;
  out += `// Vue 3: <service-feedback :summary="true" @nazar-delivered="…" /> in a template, or h() in a render function\n`;
  out += `// (tell the template compiler they are custom elements: compilerOptions.isCustomElement).\n`;
  out += `import type { DefineComponent } from 'vue';\n`;
  out += `import type { ${elements.map((d) => `${d.name}Props`).join(', ')} } from './elements.js';\n`;
  const details = typeNames(elements).filter((n) => !elements.some((d) => d.name === n));
  out += `import type { ${details.join(', ')} } from '@nazar/elements';\n\n`;
  out += `declare module 'vue' {\n  interface GlobalComponents {\n`;
  for (const d of elements) {
    out += jsdoc(d.summary ?? d.description, '    ');
    out += `    ${JSON.stringify(d.tagName)}: DefineComponent<\n      ${d.name}Props & {\n`;
    for (const e of d.events ?? [])
      out +=
        jsdoc(`\`@${e.name}\`: ${e.description ?? ''}`, '        ') +
        `        ${vueHandler(e.name)}?: (event: ${e.type?.text ?? 'Event'}) => void;\n`;
    out += `      }\n    >;\n`;
  }
  return out + `  }\n}\n`;
}

const cell = (text: string | undefined) => oneLine(text).replace(/\|/g, '\\|') || ' ';
const code = (text: string | undefined) => (text ? `\`${text.replace(/\|/g, '\\|')}\`` : ' ');

function table(head: string[], rows: string[][]): string {
  return (
    [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n'
  );
}

function elementsMarkdown(elements: Declaration[]): string {
  let out = `# Element reference\n\n<!-- ${GENERATED} -->\n\n`;
  out += `Every element's attributes, properties, events, slots, parts and custom properties, generated from\n`;
  out += `the elements' JSDoc and lit decorators into [\`packages/elements/custom-elements.json\`](../packages/elements/custom-elements.json)\n`;
  out += `(the [Custom Elements Manifest](https://github.com/webcomponents/custom-elements-manifest)). How to paste them into a page:\n`;
  out += `[webmaster.md](webmaster.md).\n\n`;
  out += `- Events bubble and are \`composed\`, and are typed in \`HTMLElementEventMap\`; the detail types are exported by \`@nazar/elements\`.\n`;
  out += `- From npm: \`import '@nazar/elements/<tag>'\` registers that element (and nothing else); safe to import twice, and\n`;
  out += `  beside the \`nazar.js\` loader.\n`;
  out += `- Editors and frameworks, all in the npm package and made from the same manifest: \`custom-elements.json\` (the\n`;
  out += `  package's \`customElements\` field; also \`import '@nazar/elements/custom-elements.json'\`),\n`;
  out += `  \`vscode.html-custom-data.json\` and \`vscode.css-custom-data.json\` (VS Code's \`html.customData\` / \`css.customData\`:\n`;
  out += `  \`node_modules/@nazar/elements/vscode.html-custom-data.json\`), and the framework types:\n`;
  out += `  \`import type {} from '@nazar/elements/react'\` (React 19 \`JSX.IntrinsicElements\`) or \`'@nazar/elements/vue'\`\n`;
  out += `  (Vue 3 \`GlobalComponents\`) once in the app.\n`;
  for (const d of elements) {
    out += `\n## \`<${d.tagName}>\`\n\n`;
    if (d.summary) out += `${oneLine(d.summary)}\n\n`;
    if (d.description) out += `${d.description.trim()}\n\n`;
    out += `\`\`\`js\nimport '@nazar/elements/${d.tagName}'; // defines <${d.tagName}>: class ${d.name}\n\`\`\`\n`;
    const attrs = d.attributes ?? [];
    if (attrs.length) {
      out += `\n### Attributes\n\n`;
      out += table(
        ['attribute', 'property', 'type', 'default', 'description'],
        attrs.map((a) => {
          const field = (d.members ?? []).find((m) => m.name === a.fieldName);
          const reflects = field?.reflects ? ' (reflected)' : '';
          return [code(a.name), a.fieldName ? code(a.fieldName) + reflects : ' ', code(a.type?.text), code(a.default), cell(a.description)];
        }),
      );
    }
    const props = propertiesOf(d).filter((p) => !attrs.some((a) => a.fieldName === p.name));
    if (props.length) {
      out += `\n### Properties (no attribute)\n\n`;
      out += table(
        ['property', 'type', 'default', 'description'],
        props.map((p) => [code(p.name), code(p.type?.text), code(p.default), cell(p.description)]),
      );
    }
    if (d.events?.length) {
      out += `\n### Events\n\n`;
      out += table(
        ['event', 'detail', 'description'],
        d.events.map((e) => [code(e.name), code(detailOf(e.type?.text)), cell(e.description)]),
      );
    }
    out += `\n### Slots\n\n`;
    out += d.slots?.length
      ? table(
          ['slot', 'description'],
          d.slots.map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
        )
      : `None: content inside the tag is fallback, shown until the widget renders.\n`;
    if (d.cssParts?.length) {
      out += `\n### CSS parts (\`::part()\`)\n\n`;
      out += table(
        ['part', 'description'],
        d.cssParts.map((p) => [code(p.name), cell(p.description)]),
      );
    }
    if (d.cssProperties?.length) {
      out += `\n### CSS custom properties\n\n`;
      out += table(
        ['property', 'default', 'description'],
        d.cssProperties.map((p) => [code(p.name), code(p.default), cell(p.description)]),
      );
    }
    if (d.cssStates?.length) {
      out += `\n### CSS states (\`:state()\`)\n\n`;
      out += table(
        ['state', 'description'],
        d.cssStates.map((s) => [code(s.name), cell(s.description)]),
      );
    }
  }
  return out;
}

/** VS Code's custom data, through custom-element-vs-code-integration (it writes files: into a scratch folder). */
function vscodeData(manifest: Manifest): { html: string; css: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nazar-vscode-'));
  const log = console.log;
  try {
    console.log = () => {}; // it logs even with hideLogs for its last line
    generateVsCodeCustomElementData(manifest, {
      outdir: dir,
      htmlFileName: 'html.json',
      cssFileName: 'css.json',
      hideLogs: true,
    });
    return { html: readFileSync(join(dir, 'html.json'), 'utf8'), css: readFileSync(join(dir, 'css.json'), 'utf8') };
  } finally {
    console.log = log;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every generated file: repository path → contents. */
export async function generate(): Promise<Record<string, string>> {
  const manifest = await buildManifest();
  const elements = elementsOf(manifest);
  const vscode = vscodeData(manifest);
  return {
    'packages/elements/custom-elements.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'packages/elements/vscode.html-custom-data.json': vscode.html,
    'packages/elements/vscode.css-custom-data.json': vscode.css,
    'packages/elements/types/elements.d.ts': elementTypes(elements),
    'packages/elements/types/react.d.ts': reactTypes(elements),
    'packages/elements/types/vue.d.ts': vueTypes(elements),
    'docs/elements.md': elementsMarkdown(elements),
  };
}

export const REPO_ROOT = ROOT;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [path, contents] of Object.entries(await generate())) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), contents);
    console.log(`wrote ${path}`);
  }
}
