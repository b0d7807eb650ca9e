/**
 * 配捐开启提醒 through the real SDK on the emulator (issue 14, item 5): one subscription per user per day,
 * a timer run before 10:00 sends each exactly once (recorded by the emulator's subscribeMessage.send),
 * concurrent runs never send twice, a run after the opening sends nothing, bad input changes nothing.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const subscribe = (openid: string, data: Record<string, unknown> = {}) =>
  b.call('remind', { action: 'subscribe', ...data }, { openid });
const timer = () => b.emulator.invoke('remind', { Type: 'Timer', TriggerName: 'reminders' }, { source: 'wx_trigger' });
const messagesTo = (openid: string) => b.emulator.messages().filter((m) => m.touser === openid);
const NEXT_DAY = '2022-04-29';

test('a subscription yields exactly one message, before 10:00, opening the home', async () => {
  b.at(SESSION_DAY, '09:00');
  const r = await subscribe('rem-1');
  expect(r.error).toBeUndefined();
  expect(r.result).toEqual({
    day: SESSION_DAY,
    opensAt: '2022-04-28T02:00:00.000Z',
    sendAt: '2022-04-28T01:55:00.000Z',
    already: false,
  });
  expect((await subscribe('rem-1')).result.already).toBe(true); // one per user per day
  expect(await b.count('reminders', (d) => d.openid === 'rem-1')).toBe(1);

  b.at(SESSION_DAY, '09:50');
  expect(await timer()).toMatchObject({ sent: 0 });
  expect(messagesTo('rem-1')).toHaveLength(0);

  const at = b.at(SESSION_DAY, '09:55', { seconds: 30 });
  expect(await timer()).toMatchObject({ sent: 1, failed: 0 });
  b.at(SESSION_DAY, '09:57');
  expect(await timer()).toMatchObject({ sent: 0 });
  const sent = messagesTo('rem-1');
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ templateId: 'emu-tmpl-match-opens', page: 'pages/index/index', sentAt: at });
  expect(sent[0].sentAt).toBeLessThan(Date.parse('2022-04-28T02:00:00.000Z'));
  expect(sent[0].data.time2.value).toBe('2022年04月28日 10:00');

  // Over the HTTP control too.
  const listed = await (await fetch(`${b.url}/__emulator/messages`)).json();
  expect(listed.messages.filter((m: any) => m.touser === 'rem-1')).toHaveLength(1);
  const doc = (await b.emulator.db.find('reminders', (d) => d.openid === 'rem-1'))[0];
  expect(doc).toMatchObject({ status: 'sent', sentAt: at });
});

test('after the opening the next subscription is for the next day; a late claim sends nothing', async () => {
  b.at(SESSION_DAY, '10:30');
  const r = await subscribe('rem-late');
  expect(r.result).toMatchObject({ day: NEXT_DAY, already: false });
  b.at(NEXT_DAY, '09:58');
  await subscribe('rem-later'); // due at once (sendAt 09:55 has passed)
  b.at(NEXT_DAY, '10:00', { seconds: 30 }); // the timer ran late: the window is open
  expect(await timer()).toMatchObject({ sent: 0, missed: 2 });
  expect(messagesTo('rem-late')).toHaveLength(0);
  expect(messagesTo('rem-later')).toHaveLength(0);
  b.at(NEXT_DAY, '11:00');
  expect((await subscribe('rem-after')).error?.code).toBe('REMINDER_CLOSED'); // the last opening is past
});

test('concurrent timer runs send each of 60 subscriptions exactly once', async () => {
  const day = '2022-04-27';
  b.at(day, '08:00');
  const users = Array.from({ length: 60 }, (_, i) => `rem-c${i}`);
  for (let i = 0; i < users.length; i += 20)
    await Promise.all(users.slice(i, i + 20).map(async (u) => expect((await subscribe(u)).error).toBeUndefined()));
  b.at(day, '09:56');
  const runs = (await Promise.all(Array.from({ length: 4 }, timer))) as Array<{ sent: number; pages: number }>;
  expect(runs.reduce((s, r) => s + r.sent, 0)).toBe(60);
  expect(Math.max(...runs.map((r) => r.pages))).toBeGreaterThanOrEqual(2); // pages of 50, not all at once
  for (const u of users) expect(messagesTo(u)).toHaveLength(1);
  expect(((await timer()) as { sent: number }).sent).toBe(0);
});

test('bad input and forged timer events change nothing', async () => {
  b.at(SESSION_DAY, '09:00');
  const before = await b.count('reminders');
  expect((await subscribe('rem-bad', { campaignId: 'no such!' })).error?.code).toBe('INVALID_INPUT');
  expect((await subscribe('rem-bad', { extra: 1 })).error?.code).toBe('INVALID_INPUT');
  expect((await subscribe('rem-bad', { campaignId: 'nope' })).error?.code).toBe('NOT_FOUND');
  expect((await b.call('remind', { Type: 'Timer' }, { openid: 'rem-bad' })).error?.code).toBe('FORBIDDEN_SOURCE');
  expect(await b.count('reminders')).toBe(before);
});
