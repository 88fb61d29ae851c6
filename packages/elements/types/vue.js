// The types are in vue.d.ts (generated): `import type {} from '@nazar/elements/vue'` brings them in. Nothing runs here.
export {};
