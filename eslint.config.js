import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import i18next from 'eslint-plugin-i18next'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' }
  },
  {
    // Every word a user reads comes from the catalogs (src/shared/i18n): text in JSX, and the attributes people or
    // screen readers read. Symbols (▾, ✕, ?, …), code names and example paths are not words.
    files: ['src/renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['aria-label', 'title', 'placeholder', 'alt', 'label'] },
          // Not words: symbols, numbers and punctuation ("▾", "%", "(", "…"), and code values ('csv', 'desc', 'tasks').
          words: { exclude: [/^[\s\p{P}\p{S}\p{N}]*$/u, /^[a-z][a-zA-Z0-9_.-]*$/, /^\/[\w/.-]+$/] }
        }
      ]
    }
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  }
)
