/* eslint-disable @typescript-eslint/consistent-type-imports -- an ambient module cannot import by relative path */
// Generated at build and test time from the src/demos/<nn>-<id>/ folders (scripts/demo-registry.js).
declare module 'virtual:demo-metas' {
  export const metas: readonly import('./demos/types.js').DemoMeta[];
}
declare module 'virtual:demo-roles' {
  export const roles: ReadonlyMap<string, import('./demos/types.js').DemoRoles>;
}
declare module 'virtual:demo-exercises' {
  export const exercises: ReadonlyMap<string, readonly import('./demos/exercise.js').Exercise[]>;
}
