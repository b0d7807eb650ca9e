// One jest run, several projects: pure rules, emulator contract, functions through the real SDK,
// mini-program components (miniprogram-simulate) and end-to-end browser flows on the H5 build.
// Day-bound rules run three times, under a server clock in UTC, Los Angeles and Beijing.
const TIME_ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai'];

const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleNameMapper: {
    '^@domain/(.*)$': '<rootDir>/domain/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tests/setup/quiet-sdk.js'],
};

/** The same tests once per server time zone. */
const perTimeZone = (name, testMatch) =>
  TIME_ZONES.map((timeZone) => ({
    ...shared,
    displayName: `${name} TZ=${timeZone}`,
    testMatch,
    testEnvironment: '<rootDir>/tests/setup/tz-environment.js',
    testEnvironmentOptions: { timeZone },
  }));

module.exports = {
  projects: [
    ...perTimeZone('unit', ['<rootDir>/tests/unit/**/*.test.ts']),
    ...perTimeZone('edges', ['<rootDir>/tests/edges/**/*.test.ts']),
    { ...shared, displayName: 'contract', testMatch: ['<rootDir>/tests/contract/**/*.test.ts'] },
    { ...shared, displayName: 'functions', testMatch: ['<rootDir>/tests/functions/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/components/**/*.test.ts'],
      // Builds .tmp/native-components once per run when missing or stale.
      globalSetup: '<rootDir>/tests/components/globalSetup.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      // Builds dist/h5 once per run when it is missing or stale (runs only when e2e tests are selected).
      globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
    },
  ],
  testTimeout: 120000,
};
