/* eslint-disable @typescript-eslint/consistent-type-imports -- an ambient module cannot import by relative path */
// Generated at build time from the src/bench/mechanisms/<nn>-<id>/ folders (scripts/bench-registry.js).
declare module 'virtual:bench-metas' {
  export const metas: readonly import('./types.js').MechanismMeta[];
}
declare module 'virtual:bench-twins' {
  export const twins: ReadonlyMap<string, import('./types.js').TwinMechanism>;
}
