/**
 * The sealed books through the functions: seal after the settle time, prove a donation, refund after
 * sealing (a new entry, the sealed root unchanged), late entries, idempotent re-runs, tamper detection.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { verifyJson } from '../../scripts/verify';

let b: Backend;
const ADMIN = 'admin-local';
const P = 'p001';
const NEXT_DAY = '2022-04-29';
const admin = (data: Record<string, unknown>) => b.call('admin', data, { openid: ADMIN });
const roots = async () => (await b.call('campaign', { action: 'get' }, { openid: 'anyone' })).result.roots;

beforeAll(async () => {
  b = await startBackend({ randomSeed: 'books' });
});
afterAll(() => b.stop());

describe('sealed books', () => {
  let orderId: string;

  it('gives no proof before sealing, then one that verifies against the published root', async () => {
    b.at(SESSION_DAY, '10:30');
    orderId = await b.donate('book-donor', P, 1234);
    await b.settled([orderId]);
    const before = await b.call('donate', { action: 'proof', orderId }, { openid: 'book-donor' });
    expect(before.result).toMatchObject({ orderId, entryId: `order_${orderId}`, proof: null });

    b.at(NEXT_DAY, '00:03'); // 23:50 window end + 60 s timeout + 60 s margin has passed
    const sealed = await admin({ action: 'seal' });
    expect(sealed.result).toMatchObject({ ran: true, caughtUp: true });
    expect(sealed.result.days).toEqual(['2022-04-27', SESSION_DAY]);

    const published = await roots();
    expect(published.map((r: any) => r.day)).toEqual(['2022-04-27', SESSION_DAY]);
    expect(published[1].prevRoot).toBe(published[0].root);
    expect(published[1].entries).toBeGreaterThanOrEqual(1);
    expect(published[1].totals.public).toBeGreaterThanOrEqual(1234);

    const proof = await b.call('donate', { action: 'proof', orderId }, { openid: 'book-donor' });
    expect(proof.result.proof).not.toBeNull();
    expect(JSON.stringify(proof.result)).not.toContain('book-donor');
    expect(verifyJson(proof.result, { roots: published })).toMatchObject({ ok: true, code: 'ok' });
  });

  it("refuses another user's order", async () => {
    const r = await b.call('donate', { action: 'proof', orderId }, { openid: 'someone-else' });
    expect(r.error?.code).toBe('ORDER_NOT_FOUND');
  });

  it('is idempotent: a re-run seals nothing new, and a lost progress record re-seals to the same roots', async () => {
    const before = await roots();
    const batches = await b.count('seal_batches');
    const again = await admin({ action: 'seal' });
    expect(again.result).toMatchObject({ ran: true, batches: 0, entries: 0 });
    await b.emulator.db.put('seal_state', {
      _id: 'journal',
      frontierMs: Date.UTC(2022, 3, 26, 16),
      lastDay: null,
      lastRoot: null,
      leaseUntil: 0,
    });
    await admin({ action: 'seal' });
    expect(await b.count('seal_batches')).toBe(batches);
    expect(await roots()).toEqual(before);
  });

  it('seals a refund after sealing as a new entry in a later batch; the sealed day root is unchanged', async () => {
    const [, day28] = await roots();
    b.at(NEXT_DAY, '09:00');
    const refund = await admin({ action: 'refund', orderId, reason: 'test' });
    expect(refund.error).toBeUndefined();
    // WeChat Pay's refund notification reverses the books asynchronously (refundCallback): wait for the entry.
    for (let i = 0; i < 200 && !(await b.emulator.db.get('journal', `refund_${orderId}`)); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await b.emulator.db.get('journal', `refund_${orderId}`))?.at).toBeGreaterThan(0);
    b.at('2022-04-30', '00:05');
    await admin({ action: 'seal' });
    const after = await roots();
    expect(after[1]).toEqual(day28);
    expect(after[2]).toMatchObject({ day: NEXT_DAY, prevRoot: day28.root });
    const chunk = (await b.emulator.db.find('seal_chunks', (c) => c.ids.includes(`refund_${orderId}`)))[0];
    expect(chunk.batchId).toMatch(/^B-20220429-09/);
    const original = await b.call('donate', { action: 'proof', orderId }, { openid: 'book-donor' });
    expect(verifyJson(original.result, { roots: after }).ok).toBe(true);
  });

  it('seals a late entry (an old `at` committed after its window was sealed) into a late batch', async () => {
    const at = Date.UTC(2022, 3, 29, 4, 0); // 12:00 Beijing on the 29th, long sealed
    const late = {
      _id: 'topup_p002_late',
      kind: 'topup',
      projectId: 'p002',
      at,
      day: NEXT_DAY,
      amountFen: 5,
      postings: [
        { account: 'federation:topup', amountFen: -5 },
        { account: 'project:p002:topup', amountFen: 5 },
      ],
    };
    await b.emulator.db.put('journal', late);
    const pending = await admin({ action: 'reconcile' });
    expect(pending.result.pending.join('\n')).toContain('topup_p002_late');
    b.at('2022-04-30', '00:20');
    const r = await admin({ action: 'seal' });
    expect(r.result.lateEntries).toBe(1);
    const chunk = (await b.emulator.db.find('seal_chunks', (c) => c.ids.includes('topup_p002_late')))[0];
    expect(chunk.batchId).toMatch(/^L-20220430-/);
    const check = await admin({ action: 'reconcile' });
    expect(check.result.pending).toEqual([]);
    expect(check.result.problems.join('\n')).not.toMatch(/sealing|sealed/);
    // (leaves a "removed" finding for the next test to ignore)
    await b.emulator.db.remove('journal', 'topup_p002_late');
  });

  it('catches one fen changed in the store, naming the entry, and the proof stops verifying', async () => {
    const id = `order_${orderId}`;
    const entry = (await b.emulator.db.get('journal', id))!;
    entry.postings[0].amountFen -= 1;
    entry.postings[1].amountFen += 1;
    await b.emulator.db.put('journal', entry);
    const r = await admin({ action: 'reconcile' });
    expect(r.result.ok).toBe(false);
    expect(r.result.problems).toContain(`entry ${id} changed after sealing (batch B-20220428-1030)`);
    expect(r.result.problems.join('\n')).toContain('entry topup_p002_late removed after sealing');
    const proof = await b.call('donate', { action: 'proof', orderId }, { openid: 'book-donor' });
    expect(verifyJson(proof.result, { roots: await roots() })).toMatchObject({ ok: false, code: 'entry_path' });
  });

  it("lists a project's entries with batch ids and no openids, and serves their proofs", async () => {
    const r = await b.call('projects', { action: 'entries', projectId: P }, { openid: 'anyone' });
    expect(r.error).toBeUndefined();
    const mine = r.result.items.find((i: any) => i.entryId === `order_${orderId}`);
    expect(mine).toMatchObject({ kind: 'donation', batchId: 'B-20220428-1030' });
    expect(JSON.stringify(r.result)).not.toContain('book-donor');
    const refund = r.result.items.find((i: any) => i.entryId === `refund_${orderId}`);
    expect(refund.netFen).toBeLessThan(0);
    const p = await b.call(
      'projects',
      { action: 'entryProof', projectId: P, entryId: `refund_${orderId}` },
      { openid: 'anyone' },
    );
    expect(verifyJson(p.result, { roots: await roots() }).ok).toBe(true);
  });

  it('exports the roots for staff only', async () => {
    const csv = await admin({ action: 'exportRoots', format: 'csv' });
    expect(csv.result.text.split('\n')[0]).toBe('day,root,prevRoot,entries,batches,public,match,sponsor,coupon,topup');
    expect(csv.result.text).toContain(SESSION_DAY);
    const denied = await b.call('admin', { action: 'exportRoots' }, { openid: 'book-donor' });
    expect(denied.error).toBeDefined();
  });

  it('seals a window whose entries share one millisecond across several read pages, each entry once', async () => {
    const at = Date.UTC(2022, 3, 30, 2, 0); // 10:00 Beijing on the 30th
    const entry = (i: number, ms: number) => ({
      _id: `topup_p003_ms${String(i).padStart(4, '0')}`,
      kind: 'topup',
      projectId: 'p003',
      at: ms,
      day: '2022-04-30',
      amountFen: 1,
      postings: [
        { account: 'federation:topup', amountFen: -1 },
        { account: 'project:p003:topup', amountFen: 1 },
      ],
    });
    // 2,300 in one millisecond (a read page holds 1,000), then a few just before and after it.
    const docs = [...Array.from({ length: 2300 }, (_, i) => entry(i, at + 5)), entry(2300, at), entry(2301, at + 6)];
    for (const d of docs) await b.emulator.db.put('journal', d);
    b.at('2022-05-01', '00:05');
    const r = await admin({ action: 'seal' });
    expect(r.result).toMatchObject({ ran: true, caughtUp: true });
    const batch = await b.emulator.db.get('seal_batches', 'B-20220430-1000');
    expect(batch).toMatchObject({ count: docs.length, totals: { topup: docs.length } });
    const ids = (await b.emulator.db.find('seal_chunks', (c) => c.batchId === 'B-20220430-1000')).flatMap((c) => c.ids);
    expect(new Set(ids).size).toBe(docs.length);
  });
});
