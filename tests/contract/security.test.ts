/**
 * The local server is not an open door: /tcb wants an issued credential;
 * the bridge and controls refuse other sites.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EMULATOR_ENV, readCredentials } from '../../tools/emulator/src';
import { startTestEmulator, tcbCall, type TestEmulator } from '../helpers/emulator';
import { fixtureFunctions } from './fns';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ functions: fixtureFunctions });
});
afterAll(() => t.stop());

const insert = (id: string) => ({
  action: 'database.insertDocument',
  collectionName: 'vault',
  data: [JSON.stringify({ _id: id, flowers: 1000 })],
});
const denied = () => t.emulator.metrics().errors.PERMISSION_DENIED ?? 0;

test('the key pair is generated into the data dir, owner-only, in the documented shape', () => {
  const file = path.join(t.dataDir, 'credentials.json');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const c = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(Object.keys(c).sort()).toEqual(['secretId', 'secretKey']);
  expect(c).toEqual(t.emulator.credentials);
  expect(readCredentials(t.dataDir)).toEqual(c);
});

test('/tcb without a credential is refused and counted', async () => {
  const before = denied();
  const res = await fetch(`${t.url}/tcb`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(insert('free')),
  });
  expect(res.status).toBe(200); // CloudBase-style: the error is in the body
  expect(await res.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
  // A function's session token alone (no signature) is no credential either.
  const sessionOnly = await fetch(`${t.url}/tcb`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...insert('free'), sessionToken: 'emu-inv-1-00' }),
  });
  expect((await sessionOnly.json()).code).toBe('PERMISSION_DENIED');
  expect(await t.emulator.db.get('vault', 'free')).toBeNull();
  expect(denied()).toBe(before + 2);
});

test('/tcb signed with a wrong key, or an unknown id, is refused', async () => {
  const wrongKey = await tcbCall(
    t.url,
    { secretId: t.emulator.credentials.secretId, secretKey: 'not-the-key' },
    insert('forged'),
  );
  expect(wrongKey.code).toBe('PERMISSION_DENIED');
  const unknownId = await tcbCall(
    t.url,
    { secretId: 'AKIDsomeoneelse', secretKey: t.emulator.credentials.secretKey },
    insert('forged'),
  );
  expect(unknownId.code).toBe('PERMISSION_DENIED');
  expect(await t.emulator.db.get('vault', 'forged')).toBeNull();
});

test('/tcb signed with the key pair is accepted: raw protocol and the real SDK outside a function', async () => {
  const raw = await tcbCall(t.url, t.emulator.credentials, insert('raw'));
  expect(raw.data.insertedIds).toEqual(['raw']);

  const cloud: any = require('wx-server-sdk');
  const server = cloud.createNewInstance({ env: EMULATOR_ENV, ...t.emulator.credentials, throwOnNotFound: false });
  const db = server.database();
  await db.collection('vault').add({ data: { _id: 'sdk', flowers: 3 } });
  expect((await db.collection('vault').doc('sdk').get()).data).toMatchObject({ _id: 'sdk', flowers: 3 });
  expect((await db.collection('vault').doc('raw').get()).data).toMatchObject({ flowers: 1000 });

  const forged = cloud.createNewInstance({
    env: EMULATOR_ENV,
    secretId: t.emulator.credentials.secretId,
    secretKey: 'guess',
    throwOnNotFound: false,
  });
  await expect(forged.database().collection('vault').doc('sdk').get()).rejects.toThrow(/PERMISSION_DENIED|emulator/);
});

test('functions still reach the SDK with their own per-invocation credential', async () => {
  await t.emulator.invoke('dbop', { op: 'add', c: 'vault', data: { _id: 'fn', n: 1 } }, { openid: 'u1' });
  expect(((await t.emulator.invoke('dbop', { op: 'get', c: 'vault', id: 'fn' })) as any).data.n).toBe(1);
});

describe('the bridge and the controls refuse other sites', () => {
  beforeEach(() => t.emulator.db.put('vault', { _id: 'keep', flowers: 1 }));

  test('a cross-origin text/plain POST to /__emulator/reset is refused and the store is intact', async () => {
    const cross = await fetch(`${t.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    // Even without an Origin header, a form-style body is not accepted.
    const plain = await fetch(`${t.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    expect(await t.emulator.db.get('vault', 'keep')).toMatchObject({ flowers: 1 });
  });

  test('a JSON POST from a foreign Origin is refused', async () => {
    const headers = { 'content-type': 'application/json', origin: `http://localhost.evil.example:${t.emulator.port}` };
    expect((await fetch(`${t.url}/__emulator/reset`, { method: 'POST', headers, body: '{}' })).status).toBe(403);
    const api = await fetch(`${t.url}/api/whoami`, { method: 'POST', headers, body: '{"data":{}}' });
    expect(api.status).toBe(403);
    expect((await api.json()).error.code).toBe('FOREIGN_ORIGIN');
    expect(await t.emulator.db.get('vault', 'keep')).toMatchObject({ flowers: 1 });
  });

  test('same-origin JSON works (as the H5 app sends it)', async () => {
    for (const origin of [`http://localhost:${t.emulator.port}`, `http://127.0.0.1:${t.emulator.port}`]) {
      const res = await fetch(`${t.url}/api/whoami`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'x-openid': 'me' },
        body: '{"data":{}}',
      });
      expect(res.status).toBe(200);
      expect((await res.json()).result.ctx.OPENID).toBe('me');
    }
    const clock = await fetch(`${t.url}/__emulator/clock`, { headers: { origin: t.url } });
    expect(clock.status).toBe(200);
  });
});
