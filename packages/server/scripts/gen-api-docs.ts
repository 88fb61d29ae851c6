// Writes docs/api.md from the OpenAPI document (src/openapi.ts): node --conditions=source --import tsx packages/server/scripts/gen-api-docs.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderApiMarkdown } from '../src/http/openapi/api-docs.js';
import { SERVER_VERSION } from '../src/http/app.js';
import { buildOpenApi } from '../src/http/openapi/openapi.js';

export const API_DOCS_PATH = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(API_DOCS_PATH, renderApiMarkdown(buildOpenApi(SERVER_VERSION)));
  console.log(`wrote ${API_DOCS_PATH}`);
}
