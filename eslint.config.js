import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
  {
    // Dependencies point one way: ui → runtime → demos → ffi. The screen never touches libc or processes.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['koffi', 'execa', 'node:child_process', 'child_process'], patterns: ['**/ffi/*.js', '!**/ffi/wait-status.js', '!**/ffi/signal-names.js'] }],
    },
  },
  {
    files: ['src/demos/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/runtime/**', '**/ui/**'] }] },
  },
  {
    files: ['src/ffi/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/runtime/**', '**/ui/**', '**/demos/**'] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
