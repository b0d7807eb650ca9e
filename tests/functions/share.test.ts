/**
 * share.poster through the real SDK on the emulator (issue 14, item 4): a paid donation's mini-program code is
 * a real PNG from the emulated wxacode.getUnlimited, kept in storage once per project and sharer.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const poster = (openid: string, orderId: string) => b.call('share', { action: 'poster', orderId }, { openid });

test('a paid donation gets a PNG code naming its project, generated once and reused', async () => {
  b.at(SESSION_DAY, '11:00');
  const orderId = await b.donate('sharer-1', 'p001', 500);
  const r = await poster('sharer-1', orderId);
  expect(r.error).toBeUndefined();
  expect(r.result).toMatchObject({ page: 'pkg-project/detail/index', amountFen: 500, project: { id: 'p001' } });
  expect(r.result.scene).toMatch(/^p=p001&s=[0-9a-f]{10}$/);
  expect(r.result.scene.length).toBeLessThanOrEqual(32);
  expect(r.result.scene).not.toContain('sharer-1');
  const png = Buffer.from(await (await fetch(r.result.tempUrl)).arrayBuffer());
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const again = await poster('sharer-1', await b.donate('sharer-1', 'p001', 100));
  expect(again.result.codeFileID).toBe(r.result.codeFileID); // same project and sharer: the stored code
  expect(await b.count('share_codes')).toBe(1);
});

test("someone else's order or an unpaid one is refused and nothing is stored", async () => {
  b.at(SESSION_DAY, '11:00');
  const orderId = await b.donate('sharer-2', 'p002', 100);
  const before = await b.count('share_codes');
  expect((await poster('intruder', orderId)).error?.code).toBe('ORDER_NOT_FOUND');
  const { orderId: unpaid } = await b.create('sharer-2', { projectId: 'p002', amountFen: 100 });
  expect((await poster('sharer-2', unpaid)).error?.code).toBe('ORDER_NOT_PAID');
  expect((await b.call('share', { action: 'poster', orderId, x: 1 }, { openid: 'sharer-2' })).error?.code).toBe(
    'INVALID_INPUT',
  );
  expect(await b.count('share_codes')).toBe(before);
});

test('the poster names the donor by their nickname; an anonymous donation shows 爱心网友 and no avatar', async () => {
  b.at(SESSION_DAY, '11:05');
  const plain = await b.donate('sharer-3', 'p003', 100);
  expect((await poster('sharer-3', plain)).result.donor).toEqual({ name: '爱心网友', avatarUrl: null });
  await b.call('users', { action: 'setProfile', nickname: '海报小王' }, { openid: 'sharer-3' });
  expect((await poster('sharer-3', plain)).result.donor).toMatchObject({ name: '海报小王' });
  const anonymous = await b.donate('sharer-3', 'p003', 100, { anonymous: true });
  expect((await poster('sharer-3', anonymous)).result.donor).toEqual({ name: '爱心网友', avatarUrl: null });
});
