// JSON Schema from the zod/mini schemas (the server's OpenAPI document). Tree-shaken away from
// bundles that do not use it.
export { toJSONSchema } from 'zod/mini';
