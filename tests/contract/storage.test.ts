/** Cloud storage through the real wx-server-sdk, the COS-style upload URL, temporary URLs and the H5 bridge. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMULATOR_BUCKET } from '../../tools/emulator/src';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { fixtureFunctions } from './fns';

const MAX = 4096;
let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ functions: fixtureFunctions, maxUploadBytes: MAX });
});
afterAll(() => t.stop());
afterEach(() => t.emulator.setClock({ now: null }));

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const b64 = (b: Buffer) => b.toString('base64');
const storage = (event: Record<string, unknown>, openid = 'fn-user') =>
  t.emulator.invoke('storage', event, { openid }) as Promise<any>;
const upload = (cloudPath: string, bytes: Buffer, stream = false) =>
  storage({ op: 'upload', cloudPath, base64: b64(bytes), stream });
const tempUrl = (fileList: unknown[]) => storage({ op: 'tempUrl', fileList });
const bytesAt = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
};
const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

test('uploadFile, getTempFileURL, fetch the URL: same bytes, served as the type of the extension', async () => {
  const up = await upload('photos/p1.png', PNG);
  // statusCode -1: wx-server-sdk reads it from an onResponseReceived hook that node-sdk 2.10 never calls.
  expect(up).toMatchObject({ fileID: `cloud://shanxing-local.${EMULATOR_BUCKET}/photos/p1.png`, statusCode: -1 });
  const r = await tempUrl([{ fileID: up.fileID, maxAge: 120 }]);
  expect(r.fileList).toEqual([
    { fileID: up.fileID, status: 0, errMsg: 'ok', maxAge: 120, tempFileURL: expect.stringContaining(t.url) },
  ]);
  const got = await bytesAt(r.fileList[0].tempFileURL);
  expect(got).toMatchObject({ status: 200, type: 'image/png' });
  expect(got.body.equals(PNG)).toBe(true);
  // A bare fileID gets CloudBase's default (and longest) lifetime, one day; longer asks are cut to it.
  expect((await tempUrl([up.fileID])).fileList[0].maxAge).toBe(86_400);
  expect((await tempUrl([{ fileID: up.fileID, maxAge: 9e9 }])).fileList[0].maxAge).toBe(86_400);
  // On disk under <data dir>/storage/.
  expect(fs.readdirSync(path.join(t.dataDir, 'storage', 'objects')).length).toBeGreaterThan(0);
});

test('a stream upload to a non-ASCII path, then downloadFile returns the same bytes', async () => {
  const csv = Buffer.from('日期,金额（分）\n2022-04-27,100\n');
  const up = await upload('exports/捐赠 a|b.csv', csv, true);
  expect(up.fileID).toMatch(/exports\/捐赠 a\|b\.csv$/);
  const down = await storage({ op: 'download', fileID: up.fileID });
  expect(down.statusCode).toBe(200);
  expect(Buffer.from(down.base64, 'base64').equals(csv)).toBe(true);
  const url = (await tempUrl([up.fileID])).fileList[0].tempFileURL;
  expect((await bytesAt(url)).type).toBe('text/csv; charset=utf-8');
});

test('a temporary URL expires by the emulator clock (403), and a forged one is refused', async () => {
  const up = await upload('photos/expiring.png', PNG);
  const url: string = (await tempUrl([{ fileID: up.fileID, maxAge: 60 }])).fileList[0].tempFileURL;
  expect((await bytesAt(url)).status).toBe(200);
  const res = await fetch(url);
  expect(res.headers.get('cache-control')).toMatch(/max-age=(59|60)$/);
  t.emulator.setClock({ now: new Date(t.emulator.now() + 61_000).toISOString() });
  const late = await bytesAt(url);
  expect(late.status).toBe(403);
  expect(late.body.toString()).toContain('<Code>AccessDenied</Code>');
  t.emulator.setClock({ now: null });
  expect((await bytesAt(url)).status).toBe(200);
  // Another expiry, another key, or another signature: not a URL the server issued.
  expect((await bytesAt(url.replace(/t=(\d+)/, (_m, s) => `t=${Number(s) + 3600}`))).status).toBe(403);
  expect((await bytesAt(url.replace('expiring.png', 'p1.png'))).status).toBe(403);
  expect((await bytesAt(url.replace(/sign=[0-9a-f]{4}/, 'sign=0000'))).status).toBe(403);
});

test('deleteFile removes the file; a missing file answers -503003 per file, as CloudBase does', async () => {
  const up = await upload('photos/gone.png', PNG);
  const url = (await tempUrl([up.fileID])).fileList[0].tempFileURL;
  const missing = `cloud://shanxing-local.${EMULATOR_BUCKET}/photos/never.png`;
  const del = await storage({ op: 'remove', fileList: [up.fileID, missing] });
  expect(del.fileList).toEqual([
    { fileID: up.fileID, status: 0, errMsg: 'ok' },
    { fileID: missing, status: -503003, errMsg: 'storage file not exists' },
  ]);
  expect((await storage({ op: 'remove', fileList: [up.fileID] })).fileList[0].status).toBe(-503003);
  expect((await bytesAt(url)).status).toBe(404);
  const r = await tempUrl([up.fileID, 'not-a-file-id', `cloud://other-env.bucket/x.png`]);
  expect(r.fileList.map((f: any) => [f.status, f.tempFileURL])).toEqual([
    [-503003, ''],
    [-503003, ''],
    [-503003, ''],
  ]);
  expect((await storage({ op: 'download', fileID: up.fileID })).caught.errCode).toBe(-503003);
  // More than 50 in one call is refused whole.
  const many = Array.from({ length: 51 }, (_, i) => `cloud://shanxing-local.${EMULATOR_BUCKET}/x${i}`);
  expect(await t.tcb({ action: 'storage.batchDeleteFile', fileid_list: many })).toMatchObject({
    code: 'INVALID_PARAM',
  });
});

test('unsigned calls are refused; an upload URL takes one upload, for its key, within the size limit', async () => {
  const raw = await fetch(`${t.url}/tcb`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'photos/x.png' }),
  });
  expect(await raw.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
  const unsignedList = await fetch(`${t.url}/tcb`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: 'x' }] }),
  });
  expect(await unsignedList.json()).toMatchObject({ code: 'PERMISSION_DENIED' });

  const meta = await t.tcb({ action: 'storage.getUploadMetadata', path: 'photos/x.png' });
  const { url, token, authorization, cosFileId, fileId } = meta.data;
  expect(fileId).toBe(`cloud://shanxing-local.${EMULATOR_BUCKET}/photos/x.png`);
  const send = (fields: Record<string, string>, file: Buffer) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([file]));
    return fetch(url, { method: 'POST', body: form });
  };
  const good = { Signature: authorization, 'x-cos-security-token': token, 'x-cos-meta-fileid': cosFileId };
  const other = await send({ ...good, key: 'photos/other.png' }, PNG);
  expect(other.status).toBe(403);
  expect(await other.text()).toContain('<Code>AccessDenied</Code>');
  expect((await send({ ...good, key: 'photos/x.png', Signature: 'forged' }, PNG)).status).toBe(403);
  const big = await send({ ...good, key: 'photos/x.png' }, Buffer.alloc(MAX + 1));
  expect(big.status).toBe(400);
  expect(await big.text()).toContain('EntityTooLarge');
  expect((await send({ ...good, key: 'photos/x.png' }, PNG)).status).toBe(204);
  const replay = await send({ ...good, key: 'photos/x.png' }, Buffer.from('evil'));
  expect(replay.status).toBe(403);
  expect((await t.emulator.storage.get(fileId))!.bytes.equals(PNG)).toBe(true);
  // Through the SDK, a bad path or a too-large file fails the call and stores nothing.
  // (node-sdk reads `data.url` of the refused metadata answer, so the bad path surfaces as errCode -1.)
  expect((await upload('../escape.png', PNG)).caught.errCode).toBe(-1);
  const huge = (await upload('photos/huge.bin', Buffer.alloc(MAX + 1))).caught;
  expect(huge.errCode).toBe(-503001);
  expect(huge.message).toContain('[EntityTooLarge]');
  expect(await t.emulator.storage.get(t.emulator.storage.fileId('photos/huge.bin'))).toBeNull();
});

test('concurrent uploads: distinct files land intact; racing writes to one path leave one whole version', async () => {
  const distinct = Array.from({ length: 20 }, (_, i) => Buffer.alloc(1000, i));
  const versions = Array.from({ length: 10 }, (_, i) => Buffer.alloc(3000, 100 + i));
  const ups = await Promise.all([
    ...distinct.map((b, i) => upload(`race/f${i}.bin`, b)),
    ...versions.map((b) => upload('race/same.bin', b)),
  ]);
  expect(ups.every((u) => typeof u.fileID === 'string')).toBe(true);
  for (let i = 0; i < distinct.length; i++) {
    const got = await t.emulator.storage.get(t.emulator.storage.fileId(`race/f${i}.bin`));
    expect(got!.bytes.equals(distinct[i])).toBe(true);
  }
  const same = (await t.emulator.storage.get(t.emulator.storage.fileId('race/same.bin')))!.bytes;
  expect(versions.some((v) => v.equals(same))).toBe(true);
  expect(fs.readdirSync(path.join(t.dataDir, 'storage', 'objects')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('files and their temporary URLs survive an emulator restart on the same data dir', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-storage-'));
  try {
    const a = await startTestEmulator({ functions: fixtureFunctions, dataDir });
    const up: any = await a.emulator.invoke('storage', { op: 'upload', cloudPath: 'keep/p.png', base64: b64(PNG) });
    const before: any = await a.emulator.invoke('storage', { op: 'tempUrl', fileList: [up.fileID] });
    const oldPath = new URL(before.fileList[0].tempFileURL);
    await a.stop();
    const b = await startTestEmulator({ functions: fixtureFunctions, dataDir });
    const down: any = await b.emulator.invoke('storage', { op: 'download', fileID: up.fileID });
    expect(Buffer.from(down.base64, 'base64').equals(PNG)).toBe(true);
    // The old URL (same path and signature, on the new port) still opens until it expires.
    expect((await bytesAt(`${b.url}${oldPath.pathname}${oldPath.search}`)).body.equals(PNG)).toBe(true);
    await b.emulator.reset();
    expect(await b.emulator.storage.get(up.fileID)).toBeNull();
    await b.stop();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('bridge: /api/upload stores a client file (creator-only overwrite); /api/getTempFileURL opens it', async () => {
  const body = { cloudPath: 'avatars/alice.png', fileContent: b64(PNG) };
  const up = await post('/api/upload', body, { 'x-openid': 'alice' });
  expect(up.status).toBe(200);
  const { result } = await up.json();
  expect(result).toEqual({ fileID: `cloud://shanxing-local.${EMULATOR_BUCKET}/avatars/alice.png`, statusCode: 200 });
  expect((await t.emulator.storage.get(result.fileID))!.meta.owner).toBe('alice');

  const urls = await post('/api/getTempFileURL', { fileList: [{ fileID: result.fileID, maxAge: 300 }, 'nope'] });
  const { fileList } = (await urls.json()).result;
  expect(fileList.map((f: any) => [f.status, f.maxAge])).toEqual([
    [0, 300],
    [-503003, 86_400],
  ]);
  expect((await bytesAt(fileList[0].tempFileURL)).body.equals(PNG)).toBe(true);

  // Only its creator may overwrite a client file; a function's file is not a client's to replace.
  expect(
    (await post('/api/upload', { ...body, fileContent: b64(Buffer.from('x')) }, { 'x-openid': 'bob' })).status,
  ).toBe(403);
  expect((await post('/api/upload', body, { 'x-openid': 'alice' })).status).toBe(200);
  await t.emulator.storage.put('system/qr.png', PNG);
  expect((await post('/api/upload', { ...body, cloudPath: 'system/qr.png' }, { 'x-openid': 'alice' })).status).toBe(
    403,
  );
  // The same rules as the rest of /api: JSON only, no foreign origin; and bad input changes nothing.
  expect((await post('/api/upload', body, { origin: 'https://evil.example' })).status).toBe(403);
  expect((await post('/api/upload', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
  expect((await post('/api/upload', { ...body, fileContent: '@@' })).status).toBe(400);
  expect((await post('/api/upload', { ...body, cloudPath: '/abs.png' })).status).toBe(400);
  expect((await post('/api/upload', { ...body, cloudPath: 'a/../b.png' })).status).toBe(400);
  const big = await post('/api/upload', { cloudPath: 'avatars/big.bin', fileContent: b64(Buffer.alloc(MAX + 1)) });
  expect(big.status).toBe(413);
  expect((await big.json()).error.code).toBe('FILE_TOO_LARGE');
  expect(await t.emulator.storage.get(t.emulator.storage.fileId('avatars/big.bin'))).toBeNull();
  expect((await post('/api/getTempFileURL', { fileList: [] })).status).toBe(400);
});
