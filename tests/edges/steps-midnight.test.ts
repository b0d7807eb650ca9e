/**
 * 一块走 at Beijing midnight, through the functions (real SDK, emulator), with a pinned clock. jest runs
 * this file once per server time zone (UTC, Los Angeles, Beijing): "today" is always the Beijing date,
 * both for the one-donation-a-day key and for which WeRun entry counts.
 */
import { startBackend, type Backend } from '../functions/backend';
import { beijingMs } from '../../domain/time';
import { userKey } from '../../domain/ids';

let b: Backend;
beforeAll(async () => {
  b = await startBackend({ randomSeed: 'steps-edges' });
});
afterAll(() => b.stop());

/** Pin the clock to a Beijing wall time "HH:mm:ss". */
function at(date: string, hhmmss: string) {
  const [hh, mm, ss] = hhmmss.split(':');
  return b.at(date, `${hh}:${mm}`, { seconds: Number(ss ?? 0) });
}
const werun = (openid: string, steps: number, date?: string) => b.emulator.issueWeRun(openid, steps, date).cloudID;
const call = (openid: string, data: Record<string, unknown>) => b.call('steps', data, { openid });
const donate = (openid: string, weRunData: string, projectId = 'p012') =>
  call(openid, { action: 'donate', weRunData, projectId });

test('the server clock really is in the zone under test', () => {
  expect(process.env.TZ).toBe(process.env.SHANXING_TEST_TZ);
});

test('23:59:59 and 00:00:00 Beijing are two days: one donation each, the second on the same day refused', async () => {
  const u = 'night-walker';
  at('2022-04-27', '23:59:58');
  const first = await donate(u, werun(u, 8000));
  expect(first.error).toBeUndefined();
  expect(first.result.amountFen).toBeGreaterThan(0);
  at('2022-04-27', '23:59:59');
  expect((await donate(u, werun(u, 9000))).error?.code).toBe('ALREADY_DONATED_TODAY');

  at('2022-04-28', '00:00:00');
  const t = await call(u, { action: 'today', weRunData: werun(u, 6000) });
  expect(t.result).toMatchObject({ steps: 6000, eligible: true, donatedToday: false });
  const next = await donate(u, werun(u, 6000));
  expect(next.error).toBeUndefined();
  expect(next.result.flowersEarned).toBe(1); // the flower cap is per Beijing day too

  const d27 = await b.emulator.db.get('step_donations', `cq2022:${userKey(u)}_2022-04-27`);
  const d28 = await b.emulator.db.get('step_donations', `cq2022:${userKey(u)}_2022-04-28`);
  expect(d27).toMatchObject({ day: '2022-04-27', steps: 8000, amountFen: first.result.amountFen });
  expect(d28).toMatchObject({ day: '2022-04-28', steps: 6000, amountFen: next.result.amountFen });
  expect((await b.emulator.db.get('journal', `steps_cq2022:${userKey(u)}_2022-04-27`))!.day).toBe('2022-04-27');
  expect((await b.emulator.db.get('journal', `steps_cq2022:${userKey(u)}_2022-04-28`))!.day).toBe('2022-04-28');
});

test("a cloudID read at 23:59:59 carries that day's steps: after midnight they are yesterday's (0 today)", async () => {
  const u = 'late-reader';
  at('2022-04-28', '23:59:59');
  const cid = werun(u, 12000);
  expect((await call(u, { action: 'today', weRunData: cid })).result).toMatchObject({ steps: 12000, eligible: true });
  at('2022-04-29', '00:00:00'); // the same cloudID, 1 s later, still valid (5 min)
  expect((await call(u, { action: 'today', weRunData: cid })).result).toMatchObject({ steps: 0, eligible: false });
  expect((await donate(u, cid)).error?.code).toBe('STEPS_BELOW_THRESHOLD');
  expect(await b.count('step_donations', (s) => s.openid === u)).toBe(0);
});

const WERUN_BEIJING_DAY =
  'WeRun entries are dated by Beijing midnight whatever the server zone: the entry for the Beijing day counts';
test(WERUN_BEIJING_DAY, async () => {
  const u = 'dated';
  at('2022-04-28', '00:30:00'); // 2022-04-27 16:30 UTC, 09:30 the day before in Los Angeles
  werun(u, 7777, '2022-04-27');
  const cid = werun(u, 6543, '2022-04-28');
  // The list holds both days; the 28th's entry is stamped 2022-04-27T16:00:00Z (Beijing midnight),
  // which a server-local date in UTC or Los Angeles would file under the 27th.
  expect(beijingMs('2022-04-28', '00:00')).toBe(Date.parse('2022-04-27T16:00:00Z'));
  const t = await call(u, { action: 'today', weRunData: cid });
  expect(t.result).toMatchObject({ steps: 6543, eligible: true });
  const d = await donate(u, cid);
  expect(d.result.steps).toBe(6543);
  expect((await b.emulator.db.get('step_donations', `cq2022:${userKey(u)}_2022-04-28`))!.steps).toBe(6543);
});

const MATCH_WINDOW_MIDNIGHT =
  "match window: a step donation at 23:59:59 can draw from that day's pool; at 00:00:00 there is no draw";
test(MATCH_WINDOW_MIDNIGHT, async () => {
  // Several walkers at 23:59:59 on the 27th: some draw (30 % chance); none at 00:00:00 on the 29th.
  const late: any[] = [];
  for (let i = 0; i < 12; i++) {
    at('2022-04-27', '23:59:59');
    const u = `window-late-${i}`;
    late.push((await donate(u, werun(u, 9000), 'p013')).result);
  }
  expect(late.every((r) => r.amountFen > 0)).toBe(true);
  expect(late.some((r) => r.match !== null)).toBe(true);
  for (const r of late.filter((x) => x.match)) expect(r.match.reason).not.toBe('before_open');
  const early: any[] = [];
  for (let i = 0; i < 12; i++) {
    at('2022-04-29', '00:00:00');
    const u = `window-early-${i}`;
    early.push((await donate(u, werun(u, 9000), 'p013')).result);
  }
  expect(early.every((r) => r.amountFen > 0 && r.match === null)).toBe(true);
});

test('history at 00:00:00 Beijing starts with the new day and shows the night before', async () => {
  at('2022-04-28', '00:00:00');
  const h = (await call('night-walker', { action: 'history' })).result;
  expect(h.items.map((i: any) => i.day)).toEqual([
    '2022-04-28',
    '2022-04-27',
    '2022-04-26',
    '2022-04-25',
    '2022-04-24',
    '2022-04-23',
    '2022-04-22',
  ]);
  expect(h.items[0]).toMatchObject({ donated: true, steps: 6000 });
  expect(h.items[1]).toMatchObject({ donated: true, steps: 8000 });
  at('2022-04-27', '23:59:59');
  const before = (await call('night-walker', { action: 'history' })).result;
  expect(before.items[0]).toMatchObject({ day: '2022-04-27', donated: true, steps: 8000 });
});
