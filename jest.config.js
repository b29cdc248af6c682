/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // tsconfig sets isolatedModules, so ts-jest transpiles file by file; `npm run typecheck` does the type-checking.
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 30000,
};
