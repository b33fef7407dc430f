// Règles de style du JavaScript du site (modules de la démo, des labos, du thème, et leurs tests
// Node). Même longueur de ligne que Python (pyproject.toml, [tool.ruff]) : 120 caractères.
//     npm run lint
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['docs/assets/vendor/**', 'node_modules/**', 'site/**', '.venv/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      // Les longs messages en français (chaînes et gabarits) peuvent dépasser : les couper les rendrait
      // plus difficiles à relire et à chercher.
      'max-len': ['error', {
        code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true,
      }],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'prefer-const': 'error',
      'no-var': 'error',
      eqeqeq: ['error', 'always'],
      semi: ['error', 'always'],
      quotes: ['error', 'single', { avoidEscape: true }],
    },
  },
  {
    // La configuration de MathJax est un script classique, lu avant MathJax lui-même.
    files: ['overrides/assets/javascripts/mathjax-config.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['tests/js/**', 'eslint.config.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
];
