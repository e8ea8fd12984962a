import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * `files` may not import from the folders `above` (nor the packages `paths`): static imports
 * through no-restricted-imports, and `await import()` too, which that rule does not see.
 */
function boundary(files, above, paths = []) {
  const folders = new RegExp(`(^|/)(${above.join('|')})/`);
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths, patterns: above.map((folder) => `**/${folder}/**`) }],
      'no-restricted-syntax': ['error', { selector: `ImportExpression > Literal[value=${folders}]`, message: `Dependencies point one way, ui → runtime → demos → ffi: no import from ${above.join(', ')} here.` }],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Dependencies point one way: ui → runtime → demos → ffi. The screen never touches libc or
  // processes; the runtime serves the screen and never reaches up into it (the CLI, above
  // both, joins them).
  boundary(['src/ui/**/*.{ts,tsx}'], ['ffi'], ['koffi', 'execa', 'node:child_process', 'child_process']),
  boundary(['src/runtime/**/*.ts'], ['ui']),
  boundary(['src/demos/**/*.ts'], ['runtime', 'ui']),
  boundary(['src/ffi/**/*.ts'], ['runtime', 'ui', 'demos']),
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
