import { defineConfig } from 'vitest/config';

const apiTests = ['src/server/**/*.api.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/domain/**/*.test.ts',
            'src/server/**/*.unit.test.ts',
            'scripts/**/*.test.ts',
            // The web app's pure logic (formatting, errors, questionnaire and calendar rules), run in node.
            'src/web/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api-embedded',
          include: apiTests,
          globalSetup: ['src/server/test/global-setup.ts'],
          env: { ENGAGE_TEST_DATABASE: 'embedded' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api-postgres',
          // *.postgres.test.ts: what only a PostgreSQL server has (several processes on one database).
          include: [...apiTests, 'src/server/**/*.postgres.test.ts'],
          globalSetup: ['src/server/test/global-setup.ts'],
          env: { ENGAGE_TEST_DATABASE: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The server users run (`npm start`: the dist/ bundle in a child process), driven over HTTP only.
          name: 'e2e-http',
          include: ['e2e/**/*.http.test.ts'],
          globalSetup: ['e2e/build-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
