// @ts-check
// Lint: typescript-eslint's recommended rules, and the layers of docs/architecture.md enforced as import rules,
// so an upward import fails `npm test` instead of waiting for a reviewer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LSP = [
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageclient',
  'vscode-languageclient/*',
  'vscode-languageserver-textdocument',
  'vscode-jsonrpc',
  'vscode-jsonrpc/*',
];

/**
 * `no-restricted-imports` for a layer (a top-level folder): the top-level folders and packages it must
 * not import. Paths are matched by depth (`../client` from core/x.ts, `../../client` from core/a/x.ts),
 * so a folder of the layer's own with the same name (core/client/) stays allowed.
 */
/**
 * @param {string} root @param {string[]} folders @param {string[]} packages @param {string} message
 * @returns {import('typescript-eslint').ConfigWithExtends[]}
 */
const layer = (root, folders, packages, message) =>
  [1, 2, 3, 4].map((depth) => ({
    files: [`${root}/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...folders.map((f) => {
              const up = '../'.repeat(depth);
              return { group: [`${up}${f}`, `${up}${f}/**`], message: `${message} (${f}/)` };
            }),
            ...(packages.length ? [{ group: packages, message: `${message} (an editor or LSP library)` }] : []),
          ],
        },
      ],
    },
  }));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '**/*.js',
      'test-output/**',
      '.stryker-tmp/**',
      'core/validation/generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The scripts (build, test runners, editor setup) are plain ES modules run by Node: linted like the rest,
  // and type-checked by tsconfig.scripts.json.
  {
    files: ['**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'URLSearchParams',
          'Buffer',
          'fetch',
          'AbortController',
          'AbortSignal',
          'TextDecoder',
          'TextEncoder',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'setImmediate',
          'performance',
          'structuredClone',
          'crypto',
          'globalThis',
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
  // The UI suites hand functions to the page (page.evaluate): those run in the browser.
  { files: ['test/ui/*.mjs'], languageOptions: { globals: { document: 'readonly', getComputedStyle: 'readonly' } } },
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      // Prettier wraps code at 130; what it cannot wrap (comments) stays under 160. Strings are exempt:
      // a message is one literal, so l10n finds it whole.
      'max-len': [
        'error',
        { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  ...layer(
    'core',
    ['server', 'client', 'emulator'],
    ['vscode', ...LSP],
    'core/ is pure: it imports no adapter and no editor library',
  ),
  // Inside core, one direction: the catalogue is below the policy code (core/policy uses the catalogue's
  // tables and the one rule for action names; the catalogue uses nothing of core/policy). The same block
  // keeps core's own layer rule for these files, since a later block replaces the rule's options.
  {
    files: ['core/catalogue/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../policy', '../policy/**'],
              message: 'core/catalogue/ is below core/policy/: move what both need into the catalogue',
            },
            ...['server', 'client', 'emulator'].map((f) => ({
              group: [`../../${f}`, `../../${f}/**`],
              message: `core/ is pure: it imports no adapter and no editor library (${f}/)`,
            })),
            {
              group: ['vscode', ...LSP],
              message: 'core/ is pure: it imports no adapter and no editor library (an editor or LSP library)',
            },
          ],
        },
      ],
    },
  },
  ...layer('server', ['client', 'emulator'], ['vscode'], 'server/ does not import the extension or the emulator'),
  {
    files: ['client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server', '**/server/*', '**/server/**'],
              message: 'client/ does not import the language server (server/): share through core/',
            },
            // The server owns the .http language: the client asks it (core/protocol.ts), it parses nothing.
            {
              group: [
                '**/core/http/httpFile',
                '**/core/http/requestTarget',
                '**/core/http/variables/sources',
                '**/core/http/variables/environments',
                '**/core/http/variables/dotenv',
              ],
              message: 'client/ does not parse .http or env files: ask the language server (core/protocol.ts)',
            },
            {
              group: ['**/core/http/variables/resolver'],
              message: 'client/ does not resolve {{variables}}: ask the language server (core/protocol.ts)',
              allowTypeImports: true,
            },
            // The Sandbox loads dist/emulator.js at run time (client/bundles.ts); only its types may be imported.
            {
              group: ['**/emulator', '**/emulator/*', '**/emulator/**'],
              message: 'client/ loads the emulator lazily: import its types only',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  ...layer('emulator', ['server', 'client'], ['vscode', ...LSP], 'emulator/ stands for the cloud: it uses core/ only'),
  // The command line runs the language service in-process: core/ and server/ (never the extension,
  // the emulator, or VS Code).
  ...layer('cli', ['client', 'emulator'], ['vscode'], 'cli/ runs the language service: it uses core/ and server/ only'),
);
