/** callFunction, open API, CloudPay, WeRun cloudIDs, the HTTP bridge and the control endpoints. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { fixtureFunctions } from './fns';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ functions: fixtureFunctions, payRetryScale: 0.001 });
});
afterAll(() => t.stop());

const post = (path: string, body: unknown) =>
  fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const waitFor = async (cond: () => Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test('callFunction from a function reaches the callee with the caller identity', async () => {
  const r: any = await t.emulator.invoke('caller', { x: 42 }, { openid: 'alice' });
  expect(r.result.event).toEqual({ from: 'caller', x: 42 });
  expect(r.result.ctx).toMatchObject({ OPENID: 'alice', SOURCE: 'wx_function' });
  const missing: any = await t.emulator.invoke('caller', { target: 'nope' });
  expect(missing.caught.errCode).toBe(-504001);
});

test('msgSecCheck (v2) flags words from the local list', async () => {
  const ok: any = await t.emulator.invoke('seccheck', { content: '为乡村孩子捐一本书' }, { openid: 'o' });
  expect(ok).toMatchObject({
    errCode: 0,
    errMsg: 'openapi.security.msgSecCheck:ok',
    result: { suggest: 'pass', label: 100 },
  });
  const bad: any = await t.emulator.invoke('seccheck', { content: '你这个傻逼' }, { openid: 'o' });
  expect(bad.result).toEqual({ suggest: 'risky', label: 20003 });
  expect(((await t.emulator.invoke('seccheck', { content: 'total SCAM here' })) as any).result.suggest).toBe('risky');
});

test('cloudPay.unifiedOrder returns a payment; /__emulator/pay calls the callback with the payer', async () => {
  const r: any = await t.emulator.invoke(
    'order',
    { outTradeNo: 'SX20220427000001', totalFee: 500 },
    { openid: 'payer1' },
  );
  expect(r).toMatchObject({ errCode: 0, returnCode: 'SUCCESS', resultCode: 'SUCCESS' });
  expect(r.payment).toEqual({
    timeStamp: expect.any(String),
    nonceStr: expect.any(String),
    package: expect.stringMatching(/^prepay_id=/),
    signType: 'MD5',
    paySign: expect.any(String),
  });
  t.emulator.setClock({ now: '2022-04-27T02:03:04.000Z', frozen: true });
  const paid = await (await post('/__emulator/pay', { orderId: 'SX20220427000001' })).json();
  t.emulator.setClock({ now: null });
  expect(paid).toMatchObject({ ok: true, attempts: 1, lastResult: { errcode: 0 } });
  const log = await t.emulator.db.find('paylog', (d) => d.outTradeNo === 'SX20220427000001');
  expect(log).toHaveLength(1);
  expect(log[0].source).toBe('wx_paycallback');
  expect(log[0].event).toMatchObject({
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: 'SX20220427000001',
    subOpenid: 'payer1',
    totalFee: 500,
    cashFee: 500,
    timeEnd: '20220427100304',
    appid: 'wx-shanxing-local',
    subMchId: '1900000109',
    transactionId: expect.any(String),
  });
  // Paying again: 409; unknown order: 404.
  expect((await post('/__emulator/pay', { orderId: 'SX20220427000001' })).status).toBe(409);
  const unknown = await post('/__emulator/pay', { orderId: 'NOPE000000' });
  expect(unknown.status).toBe(404);
  expect((await unknown.json()).error.code).toBe('ORDER_NOT_FOUND');
  // Same outTradeNo, different amount: WeChat refuses.
  expect(
    ((await t.emulator.invoke('order', { outTradeNo: 'SX20220427000001', totalFee: 1 }, { openid: 'payer1' })) as any)
      .resultCode,
  ).toBe('FAIL');
});

test('pay notifications: duplicates arrive concurrently; failures are retried until errcode 0', async () => {
  await t.emulator.invoke('order', { outTradeNo: 'SXDUP0000001', totalFee: 100 }, { openid: 'p2' });
  const dup = await t.emulator.pay('SXDUP0000001', { duplicates: 2, delaysMs: [0, 20] });
  expect(dup.ok).toBe(true);
  await waitFor(async () => (await t.emulator.db.find('paylog', (d) => d.outTradeNo === 'SXDUP0000001')).length === 3);

  await t.emulator.db.put('paycfg', { _id: 'SXRETRY00001', failTimes: 3 });
  await t.emulator.invoke('order', { outTradeNo: 'SXRETRY00001', totalFee: 100 }, { openid: 'p3' });
  const first = await t.emulator.pay('SXRETRY00001');
  expect(first).toMatchObject({ ok: false, attempts: 1, lastResult: { errcode: 1 } });
  // Schedule 15s,15s,30s × 0.001 → the 4th delivery (first success) lands within ~60 ms.
  await waitFor(async () => !!t.emulator.orders().get('SXRETRY00001')?.settled);
  const order = t.emulator.orders().get('SXRETRY00001')!;
  expect(order.notifications.map((n) => n.ok)).toEqual([false, false, false, true]);
  await new Promise((r) => setTimeout(r, 300));
  expect(order.notifications).toHaveLength(4);
});

test('WeRun cloudIDs: valid, {cloudID} form, expired, foreign, unknown', async () => {
  t.emulator.setClock({ now: '2022-04-27T04:00:00.000Z', frozen: true });
  try {
    await (await post('/__emulator/werun', { openid: 'walker', steps: 5000, date: '2022-04-26' })).json();
    const { cloudID } = await (await post('/__emulator/werun', { openid: 'walker', steps: 8123 })).json();
    expect(cloudID).toMatch(/^EMU-CLOUDID-/);
    const r: any = await t.emulator.invoke('werun', { weRunData: cloudID }, { openid: 'walker' });
    const list = r.weRunData.data.stepInfoList;
    expect(list).toHaveLength(31);
    expect(list[30]).toEqual({ timestamp: Date.parse('2022-04-27T00:00:00+08:00') / 1000, step: 8123 });
    expect(list[29]).toEqual({ timestamp: Date.parse('2022-04-26T00:00:00+08:00') / 1000, step: 5000 });
    expect(list[0].step).toBe(0);
    expect(r.weRunData.data.watermark).toEqual({
      appid: 'wx-shanxing-local',
      timestamp: Date.parse('2022-04-27T04:00:00.000Z') / 1000,
    });
    // What wx.cloud.CloudID() sends, through the HTTP bridge.
    const viaBridge = await t.call('werun', { weRunData: { cloudID } }, { openid: 'walker' });
    expect(viaBridge.result.weRunData.data.stepInfoList[30].step).toBe(8123);
    expect(((await t.emulator.invoke('werun', { weRunData: cloudID }, { openid: 'thief' })) as any).weRunData).toEqual({
      cloudID,
      errCode: -601007,
      errMsg: 'cloudID user not match.',
    });
    expect(
      ((await t.emulator.invoke('werun', { weRunData: { cloudID: 'bogus' } }, { openid: 'walker' })) as any).weRunData,
    ).toEqual({ cloudID: 'bogus', errCode: -601005, errMsg: 'invalid cloudID.' });
    t.emulator.setClock({ now: '2022-04-27T04:05:01.000Z', frozen: true });
    expect(((await t.emulator.invoke('werun', { weRunData: cloudID }, { openid: 'walker' })) as any).weRunData).toEqual(
      { cloudID, errCode: -601006, errMsg: 'cloudID expired.' },
    );
  } finally {
    t.emulator.setClock({ now: null });
  }
});

test('bridge: result / error / 404 / 500 / invalid input, identity from header or cookie', async () => {
  const ok = await t.call('bridge', { a: 1, openid: 'spoofed' }, { openid: 'real_user' });
  expect(ok.status).toBe(200);
  expect(ok.result).toMatchObject({ openid: 'real_user', source: 'wx_client', data: { a: 1, openid: 'spoofed' } });
  expect(ok.result.data.userInfo).toEqual({ appId: 'wx-shanxing-local', openId: 'real_user' });
  expect(await t.call('bridge', { mode: 'error' })).toMatchObject({
    status: 400,
    body: { error: { code: 'NOPE', message: 'not allowed' } },
  });
  expect(await t.call('bridge', { mode: 'throw' })).toMatchObject({
    status: 500,
    body: { error: { code: 'FUNCTION_ERROR', message: 'boom' } },
  });
  expect(await t.call('nosuchfn', {})).toMatchObject({ status: 404, body: { error: { code: 'FUNCTION_NOT_FOUND' } } });
  const bad = await fetch(`${t.url}/api/bridge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{nope',
  });
  expect(bad.status).toBe(400);
  expect((await bad.json()).error.code).toBe('INVALID_INPUT');
  expect((await post('/api/bridge', { data: [1] })).status).toBe(400);
  // No header: a dev identity is created once and kept in a cookie.
  const first = await post('/api/bridge', { data: {} });
  const setCookie = first.headers.get('set-cookie') ?? '';
  const openid = (await first.json()).result.openid;
  expect(openid).toMatch(/^dev_/);
  expect(setCookie).toContain(`sx_openid=${openid}`);
  const again = await fetch(`${t.url}/api/bridge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `sx_openid=${openid}` },
    body: '{"data":{}}',
  });
  expect((await again.json()).result.openid).toBe(openid);
});

test('control endpoints: health, clock, metrics', async () => {
  expect(await (await fetch(`${t.url}/__emulator/health`)).json()).toMatchObject({ ok: true });
  const set = await (await post('/__emulator/clock', { now: '2022-04-29T15:59:59.000Z', frozen: true })).json();
  expect(set).toMatchObject({ now: '2022-04-29T15:59:59.000Z', frozen: true, beijingDate: '2022-04-29' });
  expect((await (await fetch(`${t.url}/__emulator/clock`)).json()).now).toBe('2022-04-29T15:59:59.000Z');
  expect((await post('/__emulator/clock', { now: 'not a date' })).status).toBe(400);
  await post('/__emulator/clock', { now: null });
  await post('/__emulator/metrics/reset', {});
  await t.call('bridge', {});
  const m = await (await fetch(`${t.url}/__emulator/metrics`)).json();
  expect(m.invocations).toEqual({ bridge: 1 });
});

test('serves a static H5 build with SPA fallback', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-h5-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<html>shell</html>');
  fs.writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
  const s = await startTestEmulator({ functions: fixtureFunctions, staticDir: dir });
  try {
    expect(await (await fetch(`${s.url}/app.js`)).text()).toBe('console.log(1)');
    expect(await (await fetch(`${s.url}/pages/project/index?id=1`, { headers: { accept: 'text/html' } })).text()).toBe(
      '<html>shell</html>',
    );
    expect((await s.call('bridge', {}, { openid: 'x' })).status).toBe(200);
  } finally {
    await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
