import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output*/**', 'tests/fixtures/previous-release/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Page text is data, never HTML (DESIGN.md).
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Page text is data: use textContent.' },
        { property: 'outerHTML', message: 'Page text is data: use textContent.' },
        { property: 'insertAdjacentHTML', message: 'Page text is data: use textContent.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page text is data, never HTML.' },
      ],
    },
  },
);
