/**
 * What the donation result page reads from `donate.status` beyond the match (issue 14): the project's title, the
 * coupon's extra, the certificate number, and for a donation through a friend's assist page whether the friend
 * was helped; and `coupons.list` naming each batch's eligible projects.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { share } from './assist-helpers';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const title = async (id: string) => String((await b.emulator.db.get('projects', id))!.title);

test('a plain donation: the project named, no coupon, a certificate number, no assist', async () => {
  b.at(SESSION_DAY, '10:30');
  const orderId = await b.donate('res-plain', 'p030', 500);
  const s = await b.status('res-plain', orderId);
  expect(s).toMatchObject({
    status: 'paid',
    projectTitle: await title('p030'),
    couponFen: 0,
    extraMatchedFen: 0,
    assist: null,
  });
  expect(s.certificateNo).toMatch(/^CQ/);
  // An unpaid order has no certificate yet.
  const pending = await b.create('res-plain', { projectId: 'p030', amountFen: 300 });
  expect((await b.status('res-plain', pending.orderId)).certificateNo).toBeNull();
});

test('through a friend’s assist page: the friend named and helped; a second donation that day too', async () => {
  b.at(SESSION_DAY, '10:31');
  await b.donate('res-A', 'p031', 500);
  await b.call('users', { action: 'setProfile', nickname: '阿明' }, { openid: 'res-A' });
  const { shareId } = await share(b, 'res-A', 'p031');
  const first = await b.donate('res-B', 'p031', 200, { shareId });
  expect((await b.status('res-B', first)).assist).toEqual({ inviterName: '阿明', helped: true, pending: false });
  const second = await b.donate('res-B', 'p031', 200, { shareId });
  expect((await b.status('res-B', second)).assist).toMatchObject({ helped: true, pending: false });
  // One's own share is no friend's help.
  const own = await b.donate('res-A', 'p031', 200, { shareId });
  expect((await b.status('res-A', own)).assist).toBeNull();
});

test('a donation with a coupon shows the coupon’s extra; coupons.list names the eligible projects', async () => {
  b.at(SESSION_DAY, '10:32');
  const list = (await b.call('coupons', { action: 'list' }, { openid: 'res-C' })).result.items;
  const cb01 = list.find((i: any) => i.batchId === 'cb01');
  expect(cb01.projects.length).toBe(cb01.projectIds.length);
  expect(cb01.projects[0]).toEqual({ id: cb01.projectIds[0], title: await title(cb01.projectIds[0]) });
  const claim = await b.call('coupons', { action: 'claim', batchId: 'cb01' }, { openid: 'res-C' });
  const orderId = await b.donate('res-C', 'p020', 1000, { couponId: claim.result.couponId });
  expect(await b.status('res-C', orderId)).toMatchObject({ status: 'paid', couponFen: cb01.valueFen });
});
