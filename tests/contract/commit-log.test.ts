/**
 * The store's commit log (tools/emulator/src/store.ts): a multi-collection commit torn by a crash between two
 * datafiles is completed at start; an acknowledged (done) commit is never replayed over newer writes; a torn
 * last line (the crash hit the log append itself) is a commit nobody was told about and is dropped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../tools/emulator/src/store';
import { stringify } from '../../tools/emulator/src/ejson';

const logOf = (dir: string) => path.join(dir, '_commits.log');

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-commitlog-'));
  try {
    await run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a commit torn between two datafiles is completed at start, then the log starts over', () =>
  withDir(async (dir) => {
    const before = new Store(dir);
    // The crash: the order's datafile has the commit, the journal's does not.
    const paid = { _id: 'o1', status: 'paid', payFen: 1000 };
    const entry = { _id: 'e_o1', orderId: 'o1', amountFen: 1000 };
    const id = await before.logCommit([
      ['orders', [{ id: 'o1', doc: paid }]],
      ['journal', [{ id: 'e_o1', doc: entry }]],
    ]);
    expect(id).toBeGreaterThan(0);
    await (await before.collection('orders')).apply([{ id: 'o1', doc: paid }]);

    const after = new Store(dir);
    expect(await after.recover()).toBe(1);
    expect((await after.collection('orders')).get('o1')).toMatchObject({ status: 'paid' });
    expect((await after.collection('journal')).get('e_o1')).toMatchObject({ amountFen: 1000 });
    expect(fs.statSync(logOf(dir)).size).toBe(0);

    // And from the datafiles alone (a third start): both halves are on disk now.
    const third = new Store(dir);
    expect(await third.recover()).toBe(0);
    expect((await third.collection('journal')).get('e_o1')).toMatchObject({ orderId: 'o1' });
  }));

test('a done commit is not replayed over a newer write; a torn last line is dropped', () =>
  withDir(async (dir) => {
    const s = new Store(dir);
    const v1 = { _id: 'c1', n: 1 };
    const id = await s.logCommit([
      ['counters', [{ id: 'c1', doc: v1 }]],
      ['other', [{ id: 'x', doc: { _id: 'x', n: 1 } }]],
    ]);
    const counters = await s.collection('counters');
    await counters.apply([{ id: 'c1', doc: v1 }]);
    await (await s.collection('other')).apply([{ id: 'x', doc: { _id: 'x', n: 1 } }]);
    await s.commitDone(id);
    await counters.apply([{ id: 'c1', doc: { _id: 'c1', n: 2 } }]); // a later plain write
    // The crash hit in the middle of appending the next commit's line.
    const torn = stringify({ id: id + 1, changes: [['counters', [{ id: 'c1', doc: { _id: 'c1', n: 99 } }]]] });
    fs.appendFileSync(logOf(dir), torn.slice(0, torn.length - 7));

    const after = new Store(dir);
    expect(await after.recover()).toBe(0);
    expect((await after.collection('counters')).get('c1')).toMatchObject({ n: 2 });
  }));
