// The build loads C listings as text (esbuild loader and the vitest plugin).
declare module '*.c' {
  const text: string;
  export default text;
}
