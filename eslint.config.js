import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const queriesMessage =
  'Queries belong in the module’s repository (*.repository.ts) or src/server/db/; call it instead.';
/** The query builder's entry points, called on a database or transaction handle (`db`, `tx`, `context.db`, …). */
const queryMethods =
  '/^(select|selectDistinct|selectDistinctOn|insert|update|delete|execute|transaction|with|refreshMaterializedView|\\$count)$/';
const databaseHandles = '/^(db|tx|database|transaction)$/';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'src/web/api/schema.d.ts',
      'src/server/db/migrations/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/only-throw-error': 'error',
      eqeqeq: ['error', 'smart'],
      // Fastify plugins and handlers are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // config.ts is the only reader of the environment; tests, scripts and benchmarks set up their own.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/server/config.ts', 'src/**/*.test.ts', 'src/server/test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through src/server/config.ts.' },
      ],
    },
  },
  {
    // Queries live in repositories (`*.repository.ts`) and the database layer (src/server/db/): nothing else imports
    // drizzle's query operators or calls the query builder on a database or transaction handle. Types may be imported.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/**/*.repository.ts', 'src/server/db/**', 'src/server/**/*.test.ts', 'src/server/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: queriesMessage, allowTypeImports: true },
            { name: 'drizzle-orm/pg-core', message: queriesMessage, allowTypeImports: true },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.property.name=${queryMethods}][callee.object.name=${databaseHandles}]`,
          message: queriesMessage,
        },
        {
          selector: `CallExpression[callee.property.name=${queryMethods}][callee.object.property.name='db']`,
          message: queriesMessage,
        },
        {
          selector: `MemberExpression[property.name='query'][object.name=${databaseHandles}]`,
          message: queriesMessage,
        },
        {
          selector: `MemberExpression[property.name='query'][object.property.name='db']`,
          message: queriesMessage,
        },
      ],
    },
  },
  {
    // A module's tables file (`<module>.tables.ts`) defines its tables with drizzle's schema builders (pgTable, sql for a
    // check): it imports drizzle to declare tables, not to query them. The rule against calling the query builder stays.
    files: ['src/server/modules/*/*.tables.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // A routes or service file does one group of use cases; past this size it is doing several and is split along them
    // (as sessions, projects, delivery and requirements are: a `<module>.service.ts` index re-exports the use cases).
    files: ['src/server/**/*.routes.ts', 'src/server/**/*.service.ts'],
    rules: { 'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'src/server/test/**', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
