import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Module boundaries (docs/architecture.md): Nx's own boundary plugin needs an @nx/* version that does
// not install beside nx@24 here, so the same rules are expressed as restricted imports per project.
const noServer = {
  group: ['**/server/**', '@hallwatch/server', '@hallwatch/server/*'],
  message: 'scope:frontend/shared must not import server code',
};
const noDashboard = {
  group: ['**/dashboard/**', '@hallwatch/dashboard', '@hallwatch/dashboard/*'],
  message: 'only the dashboard may import dashboard code',
};
// core/ is the infrastructure every feature stands on (docs/architecture.md): it may not know them.
const noFeatures = {
  group: ['**/modules/**'],
  message: 'server/src/core is infrastructure: it must not import a feature module (see docs/architecture.md)',
};
const noFrameworks = {
  group: ['@nestjs/*', 'typeorm', 'react', 'react-dom', 'bullmq', 'ioredis', 'socket.io'],
  message: 'shared/ holds the contract only: no framework code, so the dashboard bundle stays small',
};

/** A raw `.query()` whose SQL (a string or template) starts with UPDATE or DELETE. */
const updateQuery =
  "CallExpression[callee.property.name='query']:matches([arguments.0.quasis.0.value.raw=/^\\s*(UPDATE|DELETE)\\b/i], [arguments.0.value=/^\\s*(UPDATE|DELETE)\\b/i])";

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-types/**', 'node_modules/**', '.nx/**', 'coverage/**', 'server/src/core/database/migrations/*-*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'no focused tests' }],
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noServer, noDashboard, noFrameworks] }] } },
  {
    files: ['dashboard/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': ['error', { patterns: [noServer] }] },
  },
  { files: ['server/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noDashboard] }] } },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'no focused tests' },
        {
          // TypeORM's query() answers [rows, count] for an UPDATE or DELETE, rows for anything else:
          // `marked.length` of an UPDATE … RETURNING was always 2. Whose result is read goes through queryRows.
          selector: `:matches(VariableDeclarator, ReturnStatement, AssignmentExpression, MemberExpression, TSAsExpression) > AwaitExpression > ${updateQuery}`,
          message: 'query() answers [rows, count] for UPDATE/DELETE: read their rows with queryRows (docs/raw-sql.md)',
        },
      ],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDashboard, noFeatures] }] },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
