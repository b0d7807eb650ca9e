/**
 * Finance in the console: donations paid, one refunded through the refund flow; the settlement export's rows add
 * up, to the fen, per organisation, to the ledger, to the project counters reconcile checks, and to the dashboard.
 * Exports are files in cloud storage behind a temporary link, in .csv and .xlsx, and in the audit log.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { balances, type JournalEntry } from '../../domain/ledger';
import { projectAccount } from '../../domain/settlement';
import { readSheet } from '../../cloudfunctions/_lib/sheets';

let b: Backend;
/** Exports and reconcile read the journal in pages of this many entries here: the books span many pages. */
const PAGE = 3;
beforeAll(async () => {
  process.env.SHANXING_SUB_MCH_ID ??= '1900000109';
  process.env.SHANXING_PAGE_SIZE = String(PAGE);
  b = await startBackend({ randomSeed: 'console-money' });
});
afterAll(async () => {
  delete process.env.SHANXING_PAGE_SIZE;
  await b.stop();
});

const ADMIN = 'admin-local';
const admin = (data: Record<string, unknown>, openid = ADMIN) => b.call('admin', data, { openid });

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

let refunded = '';
const PROJECTS = ['p001', 'p002', 'p040', 'p120', 'p250'];

beforeAll(async () => {
  b.at(SESSION_DAY, '11:00', { running: true });
  const orders: string[] = [];
  for (let i = 0; i < 10; i++) orders.push(await b.donate(`money-donor-${i}`, PROJECTS[i % 5], 1_000 + 137 * i));
  refunded = orders[3];
  const inv = await admin({ action: 'inviteOperator', role: 'finance' });
  await admin({ action: 'redeemInvite', code: inv.result.code }, 'finance-1');
  const r = await admin({ action: 'refund', orderId: refunded, reason: '捐赠人申请' }, 'finance-1');
  expect(r.error).toBeUndefined();
  for (const deadline = Date.now() + 20_000; ;) {
    const s = await admin({ action: 'refundStatus', orderId: refunded }, 'finance-1');
    if (s.result.refund?.status === 'succeeded') break;
    if (Date.now() > deadline) throw new Error(`refund still ${JSON.stringify(s.result)}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
});

test('the refund is visible to finance with its status, and in the audit log with its reason', async () => {
  const s = await admin({ action: 'refundStatus', orderId: refunded }, 'finance-1');
  expect(s.result).toMatchObject({ orderId: refunded, status: 'refunded', refund: { status: 'succeeded' } });
  const log = await b.emulator.db.find('audit_log', (e) => e.action === 'refund');
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ actor: 'finance-1', role: 'finance', target: `order:${refunded}` });
  expect(log[0].after).toEqual({ reason: '捐赠人申请' });
});

test('settlement rows add up per organisation to the ledger, counters and reconcile; csv and xlsx agree', async () => {
  const r = await admin({ action: 'exportSettlement', campaignId: 'cq2022', format: 'csv' }, 'finance-1');
  expect(r.error).toBeUndefined();
  expect(r.result.fileID).toMatch(/^cloud:\/\//);
  const { settlement, totals } = r.result;

  // The ledger: each organisation's project accounts' balances (more entries than one page of the export's reads).
  const entries = (await b.emulator.db.find('journal')) as unknown as JournalEntry[];
  expect(entries.length).toBeGreaterThan(3 * PAGE);
  const projects = await b.emulator.db.find('projects');
  const orgOf = new Map(projects.map((p) => [String(p._id), String(p.orgId)]));
  const ledgerByOrg = new Map<string, number>();
  for (const [acct, fen] of balances(entries)) {
    const a = projectAccount(acct);
    if (a) ledgerByOrg.set(orgOf.get(a.projectId)!, (ledgerByOrg.get(orgOf.get(a.projectId)!) ?? 0) + fen);
  }
  // The counters reconcile checks against the ledger.
  const countersByOrg = new Map<string, number>();
  for (const id of PROJECTS) {
    const d = (await b.call('projects', { action: 'get', id })).result;
    const sum = Object.values(d.bySource as Record<string, number>).reduce((s, v) => s + v, 0);
    countersByOrg.set(orgOf.get(id)!, (countersByOrg.get(orgOf.get(id)!) ?? 0) + sum);
  }
  expect(settlement.length).toBe(new Set(PROJECTS.map((p) => orgOf.get(p))).size);
  for (const row of settlement) {
    expect([row.orgId, row.netFen]).toEqual([row.orgId, ledgerByOrg.get(row.orgId)]);
    expect([row.orgId, row.netFen]).toEqual([row.orgId, countersByOrg.get(row.orgId)]);
    const sources = row.public + row.match + row.sponsor + row.coupon + row.topup;
    expect(sources - row.refunds).toBe(row.netFen);
  }
  const refundedOrder = (await b.emulator.db.get('orders', refunded))!;
  expect(totals.refunds).toBeGreaterThanOrEqual(refundedOrder.payFen);
  expect((await admin({ action: 'reconcile' }, 'finance-1')).result.problems).toEqual([]);

  // The file says the same, row by row (header, one row per organisation, the total).
  const csv = readSheet(await download(r.result.tempFileURL), 'settlement.csv');
  expect(csv).toHaveLength(settlement.length + 2);
  for (const [i, row] of settlement.entries()) expect(csv[i + 1].slice(0, 2)).toEqual([row.orgId, row.org]);
  for (const [i, row] of settlement.entries()) expect(Number(csv[i + 1][8])).toBe(row.netFen);
  expect(Number(csv.at(-1)![8])).toBe(totals.netFen);

  const x = await admin({ action: 'exportSettlement', campaignId: 'cq2022', format: 'xlsx' }, 'finance-1');
  const xlsx = readSheet(await download(x.result.tempFileURL), 'settlement.xlsx');
  expect(xlsx).toEqual(csv);
  // A day's settlement: the day's entries only (every entry here is on the session day).
  const day = await admin({ action: 'exportSettlement', campaignId: 'cq2022', format: 'csv', day: SESSION_DAY });
  expect(day.result.totals).toEqual(totals);
  const none = await admin({ action: 'exportSettlement', campaignId: 'cq2022', format: 'csv', day: '2022-04-27' });
  expect(none.result.totals.netFen).toBe(0);
  expect(await b.count('audit_log', (e) => e.action === 'exportSettlement')).toBe(4);
});

test('ledger and reconcile exports: postings sum to the settlement; reconcile says ok', async () => {
  const l = await admin({ action: 'exportLedger', campaignId: 'cq2022', format: 'csv' }, 'finance-1');
  const rows = readSheet(await download(l.result.tempFileURL), 'ledger.csv');
  expect(rows[0]).toEqual(['entryId', 'kind', 'day', 'at', 'projectId', 'orgId', 'account', 'amountFen', 'reverses']);
  const projectFen = rows
    .slice(1)
    .filter((r) => r[6].startsWith('project:'))
    .reduce((s, r) => s + Number(r[7]), 0);
  const s = await admin({ action: 'exportSettlement', campaignId: 'cq2022', format: 'csv' }, 'finance-1');
  expect(projectFen).toBe(s.result.totals.netFen);
  const rec = await admin({ action: 'exportReconcile', format: 'xlsx' }, 'finance-1');
  const rr = readSheet(await download(rec.result.tempFileURL), 'reconcile.xlsx');
  expect(rr[1]).toEqual(['ok', '', 'true']);
});

test('the dashboard agrees with the books and stays bounded by the catalog', async () => {
  const d = await admin({ action: 'dashboard', campaignId: 'cq2022' }, 'finance-1');
  expect(d.error).toBeUndefined();
  const s = (await admin({ action: 'exportSettlement', campaignId: 'cq2022', format: 'csv' })).result;
  expect(d.result.raisedFen).toBe(s.totals.netFen);
  expect(d.result.donations).toBe(9); // ten paid, one refunded
  expect(d.result.byOrg.reduce((sum: number, r: any) => sum + r.raisedFen, 0)).toBe(s.totals.netFen);
  expect(d.result.byDistrict.length).toBeGreaterThan(1);
  expect(d.result.byDomain.length).toBeGreaterThan(1);
  expect(d.result.pool.curve).toHaveLength(25);
  expect(d.result.pool.curve[24].allowedFen).toBe(d.result.pool.budgetFen);
  expect(d.result.projects.fundraising).toBe(300);
  // The rate counts each paid donation in its Beijing minute (the counter shards' minute fields).
  b.at(SESSION_DAY, '11:30');
  await b.donate('money-donor-late', 'p001', 500);
  b.at(SESSION_DAY, '11:31');
  const later = await admin({ action: 'dashboard', campaignId: 'cq2022' });
  expect(later.result.perMinute.slice(-2)).toEqual([
    { minute: '2022-04-28 11:30', donations: 1 },
    { minute: '2022-04-28 11:31', donations: 0 },
  ]);
  expect(later.result.perMinute.find((m: any) => m.minute === '2022-04-28 11:00')?.donations).toBe(10);
  // Reviewers see it too; organisation staff do not.
  expect((await admin({ action: 'dashboard', campaignId: 'cq2022' }, 'nobody')).error?.code).toBe('FORBIDDEN');
});
