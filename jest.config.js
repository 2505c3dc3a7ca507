/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ts-jest transpiles each file on its own (isolatedModules in tsconfig.json); `npm run typecheck` type-checks once.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Two cores here and in CI: two workers keep CPU-bound sandbox tests honest.
  maxWorkers: 2,
  testTimeout: 60000,
};
