// A jest node environment that pins the worker's time zone (testEnvironmentOptions.timeZone) before a
// test file runs. It must set the real process.env (test code sees a copy); Node re-reads TZ on
// assignment, so the day-bound rules are proven under a server in UTC, Los Angeles and Beijing alike.
const { TestEnvironment } = require('jest-environment-node');

class TimeZoneEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const tz = config.projectConfig.testEnvironmentOptions?.timeZone;
    if (tz) {
      process.env.TZ = tz;
      this.global.process.env.TZ = tz;
      this.global.process.env.SHANXING_TEST_TZ = tz;
    }
  }
}
module.exports = TimeZoneEnvironment;
