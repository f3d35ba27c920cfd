// ESLint: JavaScript's and typescript-eslint's recommended rules everywhere, and on src/ the
// type-aware ones as well (floating promises, unsafe any, awaits of non-promises, exhaustive
// switches), which read the TypeScript project. Formatting is Prettier's (.prettierrc.json):
// eslint-config-prettier turns off every rule that would disagree with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'reports/', '.stryker-tmp/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks what a destructuring leaves out on purpose (`const { depth: _d, ...shape } = flags`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // The house style: types come in by `import type`, on a line of their own. `typeof import('node:fs')`
      // stays allowed: it types a built-in loaded with require (main.ts says why).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
      // Control characters in regular expressions are how user input is escaped before it is quoted
      // back (quote.ts, messages.ts) and how colour codes are measured: never by accident here.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A switch over a union names every member, or says with a default that the rest are alike.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS files: require is how they load modules.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
