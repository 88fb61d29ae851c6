/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   It walks the OpenAPI document as the plain JSON it is; its shape is proved by openapi.test.ts. */
/**
 * docs/api.md, rendered from the OpenAPI document (`buildOpenApi`): the prose of each tag, then a
 * reference of its routes (parameters, body, answers), the trailing sections, and the schemas.
 * `scripts/gen-api-docs.ts` writes it; a test fails when docs/api.md differs.
 */
type Json = Record<string, any>;

const HTTP_ORDER = ['get', 'post', 'put', 'delete'];

function refName(schema: Json | undefined): string | null {
  const ref = schema?.$ref as string | undefined;
  return ref ? ref.split('/').at(-1)! : null;
}

/** A short type of a JSON schema, for tables. */
export function typeOf(s: Json | undefined): string {
  if (!s) return 'any';
  if (s.$ref) return `\`${refName(s)}\``;
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.enum)) return s.enum.map((v: unknown) => `\`${String(v)}\``).join(' \\| ');
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) return (s[key] as Json[]).map(typeOf).join(' \\| ');
  }
  if (s.type === 'array') {
    if (Array.isArray(s.prefixItems)) return `[${(s.prefixItems as Json[]).map(typeOf).join(', ')}]`;
    const item = typeOf(s.items);
    return item.includes(' \\| ') ? `(${item})[]` : `${item}[]`;
  }
  if (s.type === 'object') {
    if (s.properties) return `{ ${Object.keys(s.properties).join(', ')} }`;
    return 'object';
  }
  if (s.type === 'null') return 'null';
  return String(s.type ?? 'any');
}

function limits(s: Json): string {
  const out: string[] = [];
  if (s.minLength !== undefined && s.maxLength !== undefined && s.minLength === s.maxLength) out.push(`${s.minLength} characters`);
  else {
    if (s.maxLength !== undefined) out.push(`≤ ${s.maxLength} characters (raw)`);
    if (s.minLength !== undefined) out.push(`≥ ${s.minLength} characters`);
  }
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.maxItems !== undefined) out.push(`≤ ${s.maxItems} items`);
  if (s.minItems !== undefined) out.push(`≥ ${s.minItems} items`);
  if (s.pattern !== undefined) out.push(`\`${String(s.pattern).replace(/\|/g, '\\|')}\``);
  return out.join(', ');
}

function schemaTable(s: Json): string[] {
  if (s.type !== 'object' || !s.properties) return [`${typeOf(s)}`, ''];
  const required = new Set<string>((s.required as string[] | undefined) ?? []);
  const lines = ['| field | type | required | limits |', '|---|---|---|---|'];
  for (const [name, prop] of Object.entries(s.properties as Record<string, Json>)) {
    lines.push(`| \`${name}\` | ${typeOf(prop)} | ${required.has(name) ? 'yes' : ''} | ${limits(prop)} |`);
  }
  if (s.additionalProperties === false) lines.push('', 'Other fields are refused (`unknown-field`).');
  return [...lines, ''];
}

export function renderApiMarkdown(doc: Json): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push('<!-- Generated from GET /v1/openapi.json by packages/server/scripts/gen-api-docs.ts: do not edit by hand. -->', '');
  push('# HTTP API (`/v1`)', '', doc.info.description as string, '');

  const ops: { path: string; method: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of HTTP_ORDER) if (item[method]) ops.push({ path, method, op: item[method] });
  }
  push('## Routes', '', '| route | what | answer | role |', '|---|---|---|---|');
  for (const { path, method, op } of ops) {
    const ok = Object.entries(op.responses as Record<string, Json>).find(([status]) => status.startsWith('2'));
    const schema = ok ? refName(ok[1].content?.['application/json']?.schema) : null;
    push(
      `| \`${method.toUpperCase()} ${path}\` | ${op.summary} | ${ok ? `${ok[0]}${schema ? ` \`${schema}\`` : ''}` : ''} | ${op['x-nazar-role'] ?? ''} |`,
    );
  }
  push('');

  for (const tag of doc.tags as { name: string; description: string }[]) {
    push(`## ${tag.name}`, '', tag.description, '');
    const mine = ops.filter((o) => (o.op.tags as string[]).includes(tag.name));
    if (mine.length === 0) continue;
    push(`### Reference: ${tag.name}`, '');
    for (const { path, method, op } of mine) {
      push(
        `#### \`${method.toUpperCase()} ${path}\``,
        '',
        `${op.summary}.${op['x-nazar-role'] ? ` Role: \`${op['x-nazar-role']}\` or above.` : ''}`,
        '',
      );
      const params = (op.parameters as Json[] | undefined) ?? [];
      if (params.length > 0) {
        push('| parameter | in | required | meaning |', '|---|---|---|---|');
        for (const p of params) push(`| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : ''} | ${p.description ?? ''} |`);
        push('');
      }
      const body = refName(op.requestBody?.content?.['application/json']?.schema);
      if (body) push(`Body: [\`${body}\`](#${body.toLowerCase()})`, '');
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        if (status === 'default') continue;
        const content = (r.content ?? {}) as Record<string, Json>;
        const schema = refName(content['application/json']?.schema ?? content['application/problem+json']?.schema);
        push(`- \`${status}\`${schema && schema !== 'Problem' ? ` [\`${schema}\`](#${schema.toLowerCase()})` : ''}: ${r.description}`);
      }
      push('');
    }
  }

  for (const section of doc['x-nazar-sections'] as { title: string; body: string }[]) push(`## ${section.title}`, '', section.body, '');

  push(
    '## Schemas',
    '',
    'Requests are described as the server accepts them; text limits in characters are checked after cleaning (see each route), the raw bounds below are generous.',
    '',
  );
  for (const [name, s] of Object.entries(doc.components.schemas as Record<string, Json>)) {
    push(`### ${name}`, '', ...schemaTable(s));
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
