/** The emulator's timer triggers: the cron forms the functions declare, fired when the emulator clock crosses. */
import { parseTimerConfig, runTimers } from '../../tools/emulator/src/timers';

test('parses CloudBase 7-field minute crons and refuses the rest', () => {
  expect(parseTimerConfig('0 */5 * * * * *')).toBe(5);
  expect(parseTimerConfig('0 * * * * * *')).toBe(1);
  expect(() => parseTimerConfig('0 0 10 * * * *')).toThrow(/support/);
  expect(() => parseTimerConfig('*/5 * * * *')).toThrow(/support/);
});

test('fires once per crossed slot, never while the previous run is busy', async () => {
  let clock = Date.parse('2022-04-28T01:54:30Z');
  const calls: string[] = [];
  let release: () => void = () => {};
  const stop = runTimers(
    [{ fn: 'remind', name: 'reminders', everyMinutes: 1 }],
    () => clock,
    async (fn, ev) => {
      calls.push(`${fn}:${String(ev.TriggerName)}`);
      await new Promise<void>((r) => (release = r));
    },
    5,
  );
  const wait = () => new Promise((r) => setTimeout(r, 30));
  await wait();
  expect(calls).toHaveLength(0); // no minute crossed yet
  clock += 60_000;
  await wait();
  expect(calls).toEqual(['remind:reminders']);
  clock += 60_000;
  await wait();
  expect(calls).toHaveLength(1); // still busy
  release();
  await wait();
  expect(calls).toHaveLength(2); // the crossed slot fires once the run is done
  release();
  stop();
});
