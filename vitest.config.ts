import { defineConfig } from 'vitest/config';

// Three tiers told apart by file name: *.test.ts (fast, pure), *.db.test.ts (real database:
// PGlite, or PostgreSQL when TEST_DATABASE_URL is set), e2e/ (whole journeys in Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'eval/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.parity.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['packages/*/test/**/*.db.test.ts', 'apps/*/test/**/*.db.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite instances are large; two files at a time fit the 2-core machine.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'parity',
          include: ['packages/*/test/**/*.parity.test.ts'],
          testTimeout: 300_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
