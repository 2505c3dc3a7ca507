/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  // Two cores here and in CI: two workers keep CPU-bound sandbox tests honest.
  maxWorkers: 2,
  testTimeout: 60000,
};
