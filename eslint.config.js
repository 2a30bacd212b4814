import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The compute core knows nothing of React, the store or the UI (DESIGN.md section 2). */
const CORE = ['gmf', 'render', 'data', 'models', 'train', 'analysis', 'io'];
const uiImports = {
  patterns: [
    { group: ['react', 'react-dom', 'react-dom/*', 'react/*'], message: 'Core code must not import React.' },
    { group: ['@react-three/*'], message: 'Core code must not import React bindings.' },
    { group: ['zustand', 'zustand/*'], message: 'Core code must not import the store library.' },
    { group: ['**/ui', '**/ui/**', '**/store', '**/store/**'], message: 'Core code must not import ui or store.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'e2e-artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.worker.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'No eval: the CSP forbids it.' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: [...CORE.map((d) => `src/${d}/**/*.ts`), 'src/workers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', uiImports] },
  },
  {
    files: ['tools/**/*.ts', 'e2e/**/*.ts', '*.config.ts', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['eslint.config.js', 'bench/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['bench/*.mjs'], languageOptions: { globals: { ...globals.node } } },
);
