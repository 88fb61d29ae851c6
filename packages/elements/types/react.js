// The types are in react.d.ts (generated): `import type {} from '@nazar/elements/react'` brings them in. Nothing runs here.
export {};
