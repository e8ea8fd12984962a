// The build loads C listings and the native runtime's files (.c, .h) as text (esbuild loader and the vitest plugin).
declare module '*.c' {
  const text: string;
  export default text;
}
declare module '*.h' {
  const text: string;
  export default text;
}
