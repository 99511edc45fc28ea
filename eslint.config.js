import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

// Page text is data, never HTML (DESIGN.md).
const noHtmlFromData = { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page text is data, never HTML.' };

// Attributes people read (or hear from a screen reader) take their words from locales/, like JSX text:
// a string with a letter in it there, whether written directly, in braces, in a template or as one
// branch of a condition, fails. Strings passed straight to a call (t('key')) are message keys, and an address
// shown as an example ('https://', 'mastodon.social') reads the same in every language.
const USER_FACING = "JSXAttribute[name.name=/^(aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext|title|placeholder|alt|label)$/]";
const WORDS_MESSAGE = 'Words people read come from the i18n messages (locales/<lang>/*.json): use t().';
const ADDRESS = '/^(https?:\\x2F\\x2F[\\w.-]*|[\\w-]+(\\.[\\w-]+)+)$/';
const noLiteralInAttributes = [
  `${USER_FACING} Literal[value=/\\p{L}/u]:not([value=${ADDRESS}]):not(CallExpression > Literal)`,
  `${USER_FACING} TemplateElement[value.raw=/\\p{L}/u]:not(CallExpression > TemplateLiteral > TemplateElement)`,
  // JSX text written as an expression ({'Close'}, {open ? 'Hide' : 'Show'}), which the plugin's
  // jsx-text-only mode does not look at.
  `:matches(JSXElement, JSXFragment) > JSXExpressionContainer > Literal[value=/\\p{L}/u]`,
  `:matches(JSXElement, JSXFragment) > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/\\p{L}/u]`,
  `:matches(JSXElement, JSXFragment) > JSXExpressionContainer > ConditionalExpression > Literal:matches(.consequent, .alternate)[value=/\\p{L}/u]`,
  `:matches(JSXElement, JSXFragment) > JSXExpressionContainer > LogicalExpression > Literal.right[value=/\\p{L}/u]`,
].map((selector) => ({ selector, message: WORDS_MESSAGE }));

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
      'no-restricted-syntax': ['error', noHtmlFromData],
    },
  },
  {
    // No word shown to users is hard-coded in a component (DESIGN.md): JSX text and the attributes people
    // read. Strings in code (message keys, class names, URLs) are left to review.
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx'],
    plugins: { i18next },
    rules: {
      // Text without a letter (an icon like ✎, a separator) is not words.
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only', words: { exclude: [/^[^\p{L}]*$/u] }, message: WORDS_MESSAGE }],
      'no-restricted-syntax': ['error', noHtmlFromData, ...noLiteralInAttributes],
    },
  },
);
