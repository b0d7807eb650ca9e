/**
 * The console's remaining operations: the anomaly queue's bucketed kinds (users refused a match for machine speed,
 * uncaught function errors) paged and filtered; donations per minute from the counter shards; organisation staff
 * edit and resubmit their drafts and post progress updates with content-checked photos; an admin revokes an
 * operator (FORBIDDEN at once; never the last admin, even when two admins revoke each other at once).
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { encodePng } from '../../scripts/png';
import { toCsv } from '../../cloudfunctions/_lib/sheets';
import { INTAKE_COLUMNS } from '../../domain/intake';

let b: Backend;
beforeAll(async () => {
  process.env.SHANXING_SUB_MCH_ID ??= '1900000109';
  b = await startBackend({ randomSeed: 'console-ops' });
});
afterAll(() => b.stop());

const ADMIN = 'admin-local';
const admin = (data: Record<string, unknown>, openid = ADMIN) => b.call('admin', data, { openid });
const png = (text?: string) => encodePng(8, 8, (x, y) => [x * 30, y * 30, 120], text);

async function operator(openid: string, role: string, orgId?: string) {
  const inv = await admin({ action: 'inviteOperator', role, ...(orgId ? { orgId } : {}) });
  expect(inv.error).toBeUndefined();
  const r = await admin({ action: 'redeemInvite', code: inv.result.code }, openid);
  expect(r.error).toBeUndefined();
}

async function allAnomalies(query: Record<string, unknown>, limit: number, openid = ADMIN): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | undefined;
  do {
    const r = await admin({ action: 'anomalies', ...query, limit, ...(cursor ? { cursor } : {}) }, openid);
    expect(r.error).toBeUndefined();
    expect(r.result.items.length).toBeLessThanOrEqual(limit);
    out.push(...r.result.items);
    cursor = r.result.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe('the anomaly queue', () => {
  test('a user refused a match for machine speed is one row per day, however long the burst', async () => {
    b.at(SESSION_DAY, '11:00');
    const orders: string[] = [];
    for (let i = 0; i < 9; i++) orders.push(await b.donate('speedy', 'p003', 1_000 + i));
    const limited = (await b.emulator.db.find('orders', (o) => o.openid === 'speedy')).filter(
      (o) => o.match?.reason === 'rate_limited',
    );
    expect(limited.length).toBeGreaterThanOrEqual(4); // more than 4 a minute (domain/settings.ts)
    b.at(SESSION_DAY, '11:30');
    for (let i = 0; i < 6; i++) orders.push(await b.donate('speedy', 'p003', 2_000 + i));
    const all = (await b.emulator.db.find('orders', (o) => o.openid === 'speedy')).filter(
      (o) => o.match?.reason === 'rate_limited',
    );
    expect(all.length).toBeGreaterThan(limited.length);
    const rows = await b.emulator.db.find('anomalies', (a) => a.kind === 'rate_limited');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      _id: 'rate_limited_cq2022_20220428_speedy',
      count: all.length,
      detail: { openid: 'speedy', campaignId: 'cq2022' },
    });
    // A replayed notification of a refused donation adds nothing (the order is paid already).
    const again = limited[0];
    expect((await b.callback(b.notification(String(again._id), Number(again.payFen)))).errcode).toBe(0);
    expect((await b.emulator.db.get('anomalies', rows[0]._id))!.count).toBe(all.length);
  });

  test('an uncaught function error is one row per function, code and minute; the call fails as before', async () => {
    b.at(SESSION_DAY, '11:40');
    const crash = (openid: string) =>
      b.emulator.invoke(
        'donate',
        { action: 'create', projectId: 'p004', amountFen: 600 },
        { openid, env: { SHANXING_FAULT: 'create:afterCoupon' } },
      );
    for (const who of ['c1', 'c2', 'c3']) await expect(crash(who)).rejects.toThrow(/injected fault/);
    b.at(SESSION_DAY, '11:41');
    await expect(crash('c4')).rejects.toThrow(/injected fault/);
    const rows = (await b.emulator.db.find('anomalies', (a) => a.kind === 'function_error')).sort(
      (x, y) => x.at - y.at,
    );
    expect(rows.map((r) => [r._id, r.count])).toEqual([
      ['function_error_donate_InjectedFault_202204281140', 3],
      ['function_error_donate_InjectedFault_202204281141', 1],
    ]);
    expect(rows[0].detail).toMatchObject({ fn: 'donate', action: 'create', code: 'InjectedFault' });
  });

  test('the queue pages newest first without loss or repeat, filtered by kind; finance reads it', async () => {
    b.at(SESSION_DAY, '11:50');
    const { orderId } = await b.create('mismatch-payer', { projectId: 'p005', amountFen: 800 });
    expect((await b.callback(b.notification(orderId, 1))).errcode).toBe(0); // amount mismatch
    await operator('finance-q', 'finance');
    const stored = await b.emulator.db.find('anomalies');
    expect(stored.length).toBeGreaterThanOrEqual(4);
    const order = (a: any, z: any) => z.at - a.at || String(z._id ?? z.id).localeCompare(String(a._id ?? a.id));
    const paged = await allAnomalies({}, 1, 'finance-q');
    expect(paged.map((a) => a.id)).toEqual([...stored].sort(order).map((a) => a._id));
    const errors = await allAnomalies({ kind: 'function_error' }, 1);
    expect(errors.map((a) => a.id)).toEqual(
      stored
        .filter((a) => a.kind === 'function_error')
        .sort(order)
        .map((a) => a._id),
    );
    expect(errors[0]).toMatchObject({ kind: 'function_error', count: 1, orderId: '' });
    const dash = await admin({ action: 'dashboard', campaignId: 'cq2022' }, 'finance-q');
    expect(dash.result.anomalies.map((a: any) => a.kind)).toEqual(
      expect.arrayContaining(['rate_limited', 'function_error', 'amount_mismatch']),
    );
    const bad = await admin({ action: 'anomalies', kind: 'no_such_kind' });
    expect(bad.error?.code).toBe('INVALID_INPUT');
  });
});

test('donations per minute come from the counter shards, for the last 60 Beijing minutes', async () => {
  b.at(SESSION_DAY, '13:00');
  for (let i = 0; i < 3; i++) await b.donate(`rate-a${i}`, i ? 'p006' : 'p007', 500 + i);
  b.at(SESSION_DAY, '13:02', { seconds: 30 });
  for (let i = 0; i < 2; i++) await b.donate(`rate-b${i}`, 'p006', 700 + i);
  const d = (await admin({ action: 'dashboard', campaignId: 'cq2022' })).result;
  expect(d.perMinute).toHaveLength(60);
  expect(d.perMinute.at(-1)).toEqual({ minute: '2022-04-28 13:02', donations: 2 });
  expect(d.perMinute.at(-2)).toEqual({ minute: '2022-04-28 13:01', donations: 0 });
  expect(d.perMinute.at(-3)).toEqual({ minute: '2022-04-28 13:00', donations: 3 });
  expect(d.perMinute[0].minute).toBe('2022-04-28 12:03');
  // The same figures as the paid orders by Beijing minute (the counters are written with each payment).
  const paid = await b.emulator.db.find('orders', (o) => o.status === 'paid' && o.campaignId === 'cq2022');
  const inMinute = (hhmm: string) =>
    paid.filter((o) => new Date(Number(o.paidAt) + 8 * 3600_000).toISOString().slice(11, 16) === hhmm).length;
  expect([inMinute('13:00'), inMinute('13:02')]).toEqual([3, 2]);
  const shards = await b.emulator.db.find('project_counters', (c) => 'm202204281300' in c);
  expect(shards.reduce((s, c) => s + Number(c.m202204281300), 0)).toBe(3);
});

test('the admin timer removes minute fields older than two hours (a counter shard stays small)', async () => {
  const timer = () =>
    b.emulator.invoke('admin', { Type: 'Timer', TriggerName: 'maintenance' }, { source: 'wx_trigger' });
  const withField = (f: string) => b.emulator.db.find('project_counters', (c) => f in c);
  // The emulator's own timer may have run at other tests' clocks: start this one from no progress record.
  await b.emulator.db.remove('app_config', 'minute_prune');
  b.at(SESSION_DAY, '15:05');
  await b.donate('rate-c0', 'p006', 900);
  expect((await withField('m202204281505')).length).toBe(1);
  const tally = async () =>
    (await b.emulator.db.find('project_counters', (c) => c.projectId === 'p006')).map((c) => [
      c._id,
      c.donations,
      c.public,
    ]);
  const before = await tally();
  const first = (await timer()) as { minuteFieldsPruned: number };
  expect(first.minuteFieldsPruned).toBeGreaterThanOrEqual(1);
  expect(await withField('m202204281300')).toHaveLength(0); // 2 h 05 ago: gone
  expect(await withField('m202204281302')).toHaveLength(0);
  expect((await withField('m202204281505')).length).toBe(1); // this minute: kept
  expect(await tally()).toEqual(before); // counts and money untouched; a second run finds nothing to remove
  expect(((await timer()) as { minuteFieldsPruned: number }).minuteFieldsPruned).toBe(0);
});

describe('organisation staff: drafts and progress updates', () => {
  let orgA = '';
  let orgB = '';
  beforeAll(async () => {
    b.at(SESSION_DAY, '14:00');
    orgA = String((await b.emulator.db.get('projects', 'p001'))!.orgId);
    orgB = String((await b.emulator.db.find('projects', (p) => p.orgId !== orgA))[0].orgId);
    await operator('org-a', 'org', orgA);
    const cells = (id: string, orgId: string): string[] => {
      const row: Record<string, string> = {
        id,
        title: `草稿${id}`,
        org: '测试机构',
        orgId,
        district: '渝中区',
        domain: '教育帮扶',
        targetFen: '1000000',
        cover: '',
        summary: '简介',
        story: '详细介绍',
        partner: '否',
      };
      return INTAKE_COLUMNS.map((c) => row[c]);
    };
    const csv = toCsv([[...INTAKE_COLUMNS], cells('draft-a', orgA), cells('draft-b', orgB)]);
    const fileID = await b.emulator.storage.put('imports/drafts.csv', csv);
    const r = await admin({ action: 'importProjects', campaignId: 'cq2022', fileID });
    expect(r.result).toMatchObject({ imported: 2, rejected: [] });
  });

  test('staff edit their own draft with the import’s rules, resubmit a returned one, audited', async () => {
    const got = await admin({ action: 'getDraft', projectId: 'draft-a' }, 'org-a');
    expect(got.result.draft).toMatchObject({ status: 'pending', fields: { title: '草稿draft-a', targetFen: 1000000 } });
    const edit = (patch: Record<string, unknown>, projectId = 'draft-a', who = 'org-a') =>
      admin({ action: 'editProject', projectId, patch }, who);
    const before = await b.emulator.db.get('projects', 'draft-a');
    for (const bad of [{ title: '短' }, { targetFen: 99 }, { targetFen: 1.5 }, { summary: '' }, { org: '改机构' }])
      expect([bad, (await edit(bad)).error?.code]).toEqual([bad, 'INVALID_INPUT']);
    const unknown = await edit({ domain: 'no-such-domain' });
    expect(unknown.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^patch\.domain/) });
    expect(await b.emulator.db.get('projects', 'draft-a')).toEqual(before);

    const ok = await edit({ title: '乡村阅读角（修订）', targetFen: 2_000_000, story: '新的介绍' });
    expect(ok.result.project).toMatchObject({ title: '乡村阅读角（修订）', targetFen: 2_000_000, status: 'pending' });
    const returned = await admin({
      action: 'reviewProject',
      projectId: 'draft-a',
      decision: 'return',
      reason: '预算不清',
    });
    expect(returned.result.project.status).toBe('returned');
    const resubmitted = await edit({ summary: '补充了预算说明' });
    expect(resubmitted.result.project).toMatchObject({ status: 'pending', reviewReason: null });
    const log = await b.emulator.db.find(
      'audit_log',
      (e) => e.action === 'editProject' && e.target === 'project:draft-a',
    );
    expect(log).toHaveLength(2);
    expect(log.find((e) => e.after.status === 'pending' && e.before.status === 'returned')).toMatchObject({
      actor: 'org-a',
      role: 'org',
      before: { summary: '简介', reviewReason: '预算不清' },
      after: { summary: '补充了预算说明', reviewReason: null },
    });

    const theirs = await b.emulator.db.get('projects', 'draft-b');
    expect((await admin({ action: 'getDraft', projectId: 'draft-b' }, 'org-a')).error?.code).toBe('FORBIDDEN');
    expect((await edit({ title: '别人的项目' }, 'draft-b')).error?.code).toBe('FORBIDDEN');
    expect(await b.emulator.db.get('projects', 'draft-b')).toEqual(theirs);
    expect((await edit({ title: '已上线的项目' }, 'p001')).error?.code).toBe('INVALID_STATE');
  });

  test('staff post text and photos on their live project; donors see the photos; flagged content refused', async () => {
    const ok = await b.emulator.storage.put('uploads/update-1.png', png());
    const ok2 = await b.emulator.storage.put('uploads/update-2.png', png());
    const risky = await b.emulator.storage.put('uploads/update-bad.png', png('赌博'));
    const post = (data: Record<string, unknown>, who = 'org-a') => admin({ action: 'postUpdate', ...data }, who);
    const before = await b.emulator.db.get('projects', 'p001');
    expect((await post({ projectId: 'p001', text: '物资清单', photoFileIDs: [ok, risky] })).error).toMatchObject({
      code: 'CONTENT_REJECTED',
      message: expect.stringMatching(/^photoFileIDs\.1/),
    });
    expect((await post({ projectId: 'p001', text: '我爱赌博', photoFileIDs: [ok] })).error?.code).toBe(
      'CONTENT_REJECTED',
    );
    const other = (await b.emulator.db.find('projects', (p) => p.orgId === orgB && p.status === 'fundraising'))[0];
    expect((await post({ projectId: other._id, text: '不是我的', photoFileIDs: [ok] })).error?.code).toBe('FORBIDDEN');
    expect(await b.emulator.db.get('projects', 'p001')).toEqual(before);

    const r = await post({ projectId: 'p001', text: '第一批图书已送达', photoFileIDs: [ok, ok2] });
    expect(r.error).toBeUndefined();
    expect(r.result.photoURLs).toHaveLength(2);
    const detail = (await b.call('projects', { action: 'get', id: 'p001' }, { openid: 'viewer' })).result;
    expect(detail.updates[0]).toMatchObject({ date: SESSION_DAY, text: '第一批图书已送达' });
    expect(detail.updates[0].photos).toHaveLength(2);
    const res = await fetch(detail.updates[0].photos[0]);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png())).toBe(true);
    expect(await b.count('audit_log', (e) => e.action === 'postUpdate' && e.target === 'project:p001')).toBe(1);
  });
});

describe('operator revocation', () => {
  test('a revoked operator is FORBIDDEN at once; the list and the audit log show it', async () => {
    await operator('fin-r', 'finance');
    expect((await admin({ action: 'whoami' }, 'fin-r')).result.operator.role).toBe('finance');
    const r = await admin({ action: 'revokeOperator', operator: 'fin-r' });
    expect(r.result.revoked).toMatchObject({ openid: 'fin-r', role: 'finance' });
    for (const action of ['whoami', 'reconcile'])
      expect((await admin({ action }, 'fin-r')).error?.code).toBe('FORBIDDEN');
    const list = (await admin({ action: 'listOperators' })).result.operators.map((o: any) => o.openid);
    expect(list).not.toContain('fin-r');
    expect(list).toContain(ADMIN);
    const entry = (await b.emulator.db.find('audit_log', (e) => e.action === 'revokeOperator'))[0];
    expect(entry).toMatchObject({ actor: ADMIN, target: 'operator:fin-r', before: { role: 'finance' }, after: null });
    expect((await admin({ action: 'revokeOperator', operator: 'fin-r' })).error?.code).toBe('NOT_FOUND');
    expect((await admin({ action: 'revokeOperator', operator: ADMIN }, 'finance-q')).error?.code).toBe('FORBIDDEN');
  });

  test('the last admin cannot be revoked, even by two admins revoking each other at once', async () => {
    expect((await admin({ action: 'revokeOperator', operator: ADMIN })).error?.code).toBe('INVALID_STATE');
    await operator('admin-2', 'admin');
    const [x, y] = await Promise.all([
      admin({ action: 'revokeOperator', operator: 'admin-2' }, ADMIN),
      admin({ action: 'revokeOperator', operator: ADMIN }, 'admin-2'),
    ]);
    const codes = [x.error?.code ?? 'ok', y.error?.code ?? 'ok'].sort();
    // One wins; the other is refused as the last admin (or, revoked meanwhile, as no longer an operator).
    expect(codes[1]).toBe('ok');
    expect(['FORBIDDEN', 'INVALID_STATE']).toContain(codes[0]);
    const admins = await b.emulator.db.find('operators', (o) => o.role === 'admin');
    expect(admins).toHaveLength(1);
    const survivor = String(admins[0]._id);
    expect((await admin({ action: 'revokeOperator', operator: survivor }, survivor)).error?.code).toBe('INVALID_STATE');
    if (survivor !== ADMIN) {
      const inv = await admin({ action: 'inviteOperator', role: 'admin' }, survivor);
      await admin({ action: 'redeemInvite', code: inv.result.code }, ADMIN);
    }
  });
});
