// One jest run, several projects: pure rules, emulator contract, functions through the real SDK,
// mini-program components (miniprogram-simulate) and end-to-end browser flows on the H5 build.
const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleNameMapper: {
    '^@domain$': '<rootDir>/domain/index.ts',
    '^@domain/(.*)$': '<rootDir>/domain/$1',
  },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...shared, displayName: 'contract', testMatch: ['<rootDir>/tests/contract/**/*.test.ts'] },
    { ...shared, displayName: 'functions', testMatch: ['<rootDir>/tests/functions/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/components/**/*.test.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
  testTimeout: 120000,
};
