/** Guards the per-time-zone projects themselves: the zone really is in force in this worker. */
test('the process time zone is the one this project pins', () => {
  const want = process.env.SHANXING_TEST_TZ;
  if (!want) return;
  const offsetMin = new Date('2022-04-28T00:00:00Z').getTimezoneOffset();
  const expected: Record<string, number> = { UTC: 0, 'America/Los_Angeles': 420, 'Asia/Shanghai': -480 };
  expect(offsetMin).toBe(expected[want]);
});
