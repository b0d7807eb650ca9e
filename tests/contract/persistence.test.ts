/** Writes survive a restart, and a SIGKILL right after the acknowledgement. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { readCredentials } from '../../tools/emulator/src';
import { REPO, spawnCli, startTestEmulator, tcbCall } from '../helpers/emulator';
import { fixtureFunctions } from './fns';

const repoRequire = createRequire(path.join(REPO, 'package.json'));

test('a new emulator on the same data dir sees earlier writes (SDK and direct)', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-persist-'));
  try {
    const a = await startTestEmulator({ functions: fixtureFunctions, dataDir });
    await a.emulator.invoke('dbop', { op: 'add', c: 'keep', data: { _id: 'k1', n: 1, at: new Date(0).toISOString() } });
    await a.emulator.invoke('dbop', {
      op: 'update',
      c: 'keep',
      id: 'k1',
      data: { n: ['$inc', 41], when: ['$serverDate'] },
    });
    await a.emulator.invoke('dbop', { op: 'add', c: 'keep', data: { _id: 'gone', n: 0 } });
    await a.emulator.invoke('dbop', { op: 'remove', c: 'keep', id: 'gone' });
    await a.stop();
    const b = await startTestEmulator({ functions: fixtureFunctions, dataDir });
    const doc = await b.emulator.db.get('keep', 'k1');
    expect(doc).toMatchObject({ _id: 'k1', n: 42 });
    expect(doc?.when).toBeInstanceOf(Date);
    expect(await b.emulator.db.get('keep', 'gone')).toBeNull();
    // Reads through the SDK after restart.
    expect(((await b.emulator.invoke('dbop', { op: 'get', c: 'keep', id: 'k1' })) as any).data.n).toBe(42);
    await b.emulator.reset();
    expect(await b.emulator.db.get('keep', 'k1')).toBeNull();
    await b.stop();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('CLI: SIGKILL immediately after the ack keeps the write', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-cli-'));
  const dataDir = path.join(root, 'db');
  const fnDir = path.join(root, 'fns');
  fs.mkdirSync(path.join(fnDir, 'bump'), { recursive: true });
  fs.writeFileSync(
    path.join(fnDir, 'bump', 'index.js'),
    `const cloud = require(${JSON.stringify(repoRequire.resolve('wx-server-sdk'))});
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async (event) => {
  const db = cloud.database();
  await db.collection('counter').add({ data: { _id: event.id, by: cloud.getWXContext().OPENID } });
  return { ok: true };
};\n`,
  );
  try {
    const { child, url } = await spawnCli(['--data', dataDir, '--functions', fnDir]);
    const acks: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${url}/api/bump`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'killer' },
        body: JSON.stringify({ data: { id: `w${i}` } }),
      });
      expect(res.status).toBe(200);
      acks.push(`w${i}`);
    }
    // And one raw SDK-protocol write, killed the instant its answer arrives.
    const raw = await tcbCall(url, readCredentials(dataDir)!, {
      action: 'database.insertDocument',
      collectionName: 'counter',
      data: ['{"_id":"raw","n":{"$numberInt":"7"}}'],
    });
    expect(raw.data.insertedIds).toEqual(['raw']);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const again = await startTestEmulator({ functions: { dir: fnDir }, dataDir });
    const docs = await again.emulator.db.find('counter');
    expect(docs.map((d) => d._id).sort()).toEqual([...acks, 'raw'].sort());
    expect(docs.find((d) => d._id === 'w0')?.by).toBe('killer');
    expect(docs.find((d) => d._id === 'raw')?.n).toBe(7);
    await again.stop();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
