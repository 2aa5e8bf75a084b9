// ESLint: typescript-eslint's type-aware rules, plus lit's and web components' recommended rules. Zero warnings in CI
// (`npm run lint`). Formatting is Prettier's job (`npm run format:check`), so no stylistic rules here.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // test/types/ is checked by each framework's own checker, against the build (`npm run test:types`).
  // scripts/snippet-globals.d.ts declares the docs' free names; test/node/snippets.test.mjs type-checks it with them.
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'custom-elements.json',
      'bench-results.json',
      'scripts/snippet-globals.d.ts',
      'test/types/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Abort reasons are `any` in the DOM typings; rejecting with `signal.reason` is the platform's own pattern.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      // The module-level owner of the page's one adapter is set to the element that runs it.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['adapterOwner'] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/best-practice']],
  },
  {
    // The simulator shows whatever a page sends it: turning unknown wire values into text is its job.
    files: ['src/simulator/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // @open-wc/testing's DOM-diff plugin types `expect(…).to.equal()` as returning a promise, so every plain
    // assertion would count as a floating promise.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
