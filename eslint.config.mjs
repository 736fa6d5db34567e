import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The house rules (CONTRIBUTING.md): which floor may import which. A type-only import is always
// allowed (it leaves no code behind); a value import across the lines below fails the lint, and
// tests/house/lint-rules.test.ts plants one violation per rule to prove each rule bites.

const STORAGE_DRIVERS = ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*', '@vercel/postgres'];
const VENDOR_SDKS = ['openai', 'openai/*'];
const NEXT = ['next', 'next/*'];

/** `@/lib/*` except the listed folders (gitignore-style patterns: `!` re-allows). */
function libExcept(...allowed) {
  return ['@/lib/*', ...allowed.flatMap((folder) => [`!@/lib/${folder}`, `!@/lib/${folder}/**`])];
}

function only(files, patterns) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, allowTypeImports: true })) }],
    },
  };
}

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      '.data/**',
      'node_modules/**',
      'lib/db/migrations/**',
      'next-env.d.ts',
      '.ci-results/**',
      'bench/**/*.md',
      '.try.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // No import circles anywhere in the app's code.
  {
    files: ['lib/**/*.ts', 'app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    settings: { 'import/ignore': ['node_modules'] },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Only lib/http knows HTTP and Next: services throw AppError and take plain inputs.
  // (Listed first: a later block for a narrower folder replaces this rule with a stricter one.)
  {
    ...only(
      ['lib/**'],
      [
        {
          group: ['@/lib/http', '@/lib/http/*', ...NEXT],
          message: 'only lib/http knows HTTP and Next: throw AppError and take plain inputs.',
        },
      ],
    ),
    ignores: ['lib/http/**'],
  },
  // The domain is pure: no database, vendor, framework or service; `now` is passed in.
  only(
    ['lib/domain/**'],
    [
      {
        group: libExcept('domain'),
        message: 'lib/domain is pure: pass the data in instead of importing a service, the database or a vendor client.',
      },
      {
        group: [...STORAGE_DRIVERS, ...VENDOR_SDKS, ...NEXT, 'react', 'node:fs', 'fs'],
        message: 'lib/domain is pure: no storage, vendor, framework or file system.',
      },
    ],
  ),
  // Components render what they are given: no database, vendor client, config or service calls.
  only(
    ['components/**'],
    [
      {
        group: libExcept('domain'),
        message: 'components render props: load data in the page (app/) or a service, and pass it in. Type-only imports are fine.',
      },
      { group: [...STORAGE_DRIVERS, ...VENDOR_SDKS], message: 'components never touch storage or vendors.' },
    ],
  ),
  // Storage knows no use case: the schema, the client and the per-table queries only.
  only(
    ['lib/db/**'],
    [
      { group: libExcept('db', 'domain', 'runtime'), message: 'lib/db knows no use case: services call it, never the other way round.' },
      { group: NEXT, message: 'lib/db knows no framework.' },
    ],
  ),
  // Vendor clients speak the vendor's API; they don't know Concord's services or database.
  only(
    ['lib/integrations/**'],
    [
      {
        group: libExcept('integrations', 'domain', 'runtime'),
        message: 'lib/integrations holds vendor clients: no services, no database.',
      },
      { group: [...STORAGE_DRIVERS, ...NEXT], message: 'lib/integrations holds vendor clients: no database, no framework.' },
    ],
  ),
];

export default config;
