// Flat config: typescript-eslint's type-aware recommended rules (recommendedTypeChecked) on every
// TypeScript file, each checked with the types of its own tsconfig (the project service); plain
// JavaScript files get the untyped rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'neo4j/target/',
      'src/api/__generated__/',
      'artifacts/',
      'web/vendor/',
      '.neo4j*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Apollo's plugin hooks must return promises; `async` is how its own documentation writes them.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
