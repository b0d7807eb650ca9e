/**
 * The console's roles: every admin action refuses a non-operator with FORBIDDEN (the loop covers the whole
 * contract), invitations bind the redeemer's openid once, organisation staff stay inside their organisation,
 * and every change lands in the append-only audit log in the same transaction.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { adminInput } from '../../domain/schemas';
import type { ActionName, InputOf } from '../../domain/api';

let b: Backend;
beforeAll(async () => {
  process.env.SHANXING_SUB_MCH_ID ??= '1900000109';
  b = await startBackend();
  b.at(SESSION_DAY, '12:00');
});
afterAll(() => b.stop());

const ADMIN = 'admin-local';
const admin = (data: Record<string, unknown>, openid = ADMIN) => b.call('admin', data, { openid });

type AdminAction = ActionName<'admin'>;
/** A valid input for every action (typed: a new contract action without one here fails to compile). */
const SAMPLE: { [K in AdminAction]: Omit<InputOf<'admin', K>, 'action'> } = {
  refund: { orderId: 'SX20220428NOSUCHORDER00' },
  refundStatus: { orderId: 'SX20220428NOSUCHORDER00' },
  closeExpired: {},
  settleTopups: {},
  reconcile: {},
  seal: {},
  exportRoots: {},
  inviteOperator: { role: 'finance' },
  redeemInvite: { code: 'NOT-A-REAL-CODE' },
  listOperators: {},
  revokeOperator: { operator: 'admin-local' },
  whoami: {},
  getCampaign: { campaignId: 'cq2022' },
  saveCampaign: { campaign: { id: 'cq2022' } },
  auditLog: { limit: 10 },
  importProjects: { campaignId: 'cq2022', fileID: 'cloud://shanxing-local/imports/x.csv' },
  intakeTemplate: { format: 'csv' },
  listProjects: { campaignId: 'cq2022' },
  reviewProject: { projectId: 'p001', decision: 'pause', reason: 'x' },
  getDraft: { projectId: 'p001' },
  editProject: { projectId: 'p001', patch: { title: '新的标题' } },
  postUpdate: { projectId: 'p001', text: '进展', photoFileIDs: [] },
  dashboard: { campaignId: 'cq2022' },
  anomalies: {},
  exportSettlement: { campaignId: 'cq2022', format: 'csv' },
  exportLedger: { campaignId: 'cq2022', format: 'csv' },
  exportReconcile: { format: 'csv' },
};

const ACTIONS = adminInput.options.map((o) => o.shape.action.value) as AdminAction[];

test('the sample covers every admin action of the schema', () => {
  expect(new Set(ACTIONS)).toEqual(new Set(Object.keys(SAMPLE)));
});

test('a non-operator gets FORBIDDEN for every console action, and nothing is written', async () => {
  const before = await b.count('audit_log');
  const p001 = await b.emulator.db.get('projects', 'p001');
  for (const action of ACTIONS) {
    const r = await admin({ action, ...SAMPLE[action] }, 'stranger');
    expect([action, r.error?.code]).toEqual([action, 'FORBIDDEN']);
  }
  expect(await b.count('audit_log')).toBe(before);
  expect(await b.emulator.db.get('projects', 'p001')).toEqual(p001);
  expect(await b.count('operators')).toBe(1);
});

test('an invitation binds the openid of whoever redeems it, once, and only until it expires', async () => {
  const inv = await admin({ action: 'inviteOperator', role: 'reviewer', name: '审核员甲' });
  expect(inv.error).toBeUndefined();
  expect(inv.result.code).toMatch(/^[A-Z2-9]{12}$/);
  // Stored hashed: the code itself is nowhere in the store.
  const invites = await b.emulator.db.find('operator_invites');
  expect(JSON.stringify(invites)).not.toContain(inv.result.code);

  const r = await admin({ action: 'redeemInvite', code: inv.result.code }, 'reviewer-a');
  expect(r.result.operator).toMatchObject({ openid: 'reviewer-a', role: 'reviewer', orgId: null });
  expect((await admin({ action: 'redeemInvite', code: inv.result.code }, 'reviewer-b')).error?.code).toBe('FORBIDDEN');
  expect((await admin({ action: 'whoami' }, 'reviewer-a')).result.operator.role).toBe('reviewer');
  // A reviewer reviews but does not invite or refund.
  expect((await admin({ action: 'inviteOperator', role: 'admin' }, 'reviewer-a')).error?.code).toBe('FORBIDDEN');
  expect((await admin({ action: 'refund', orderId: 'SX20220428NOSUCHORDER00' }, 'reviewer-a')).error?.code).toBe(
    'FORBIDDEN',
  );

  const late = await admin({ action: 'inviteOperator', role: 'finance' });
  b.at('2022-05-02', '12:00'); // past the 72 h
  expect((await admin({ action: 'redeemInvite', code: late.result.code }, 'finance-late')).error?.code).toBe(
    'FORBIDDEN',
  );
  expect(await b.emulator.db.get('operators', 'finance-late')).toBeNull();
  b.at(SESSION_DAY, '12:00');

  expect((await admin({ action: 'inviteOperator', role: 'org' })).error?.code).toBe('INVALID_INPUT');
  expect((await admin({ action: 'inviteOperator', role: 'finance', orgId: 'o01' })).error?.code).toBe('INVALID_INPUT');
});

test('organisation staff act on their own organisation’s projects only', async () => {
  const p001 = (await b.emulator.db.get('projects', 'p001'))!;
  const other = (await b.emulator.db.find('projects', (p) => p.orgId !== p001.orgId))[0];
  const inv = await admin({ action: 'inviteOperator', role: 'org', orgId: p001.orgId });
  await admin({ action: 'redeemInvite', code: inv.result.code }, 'org-staff');

  const mine = await admin(
    { action: 'postUpdate', projectId: 'p001', text: '第一批物资已送达', photoFileIDs: [] },
    'org-staff',
  );
  expect(mine.error).toBeUndefined();
  expect((await b.emulator.db.get('projects', 'p001'))!.updates.at(-1).text).toBe('第一批物资已送达');

  const theirs = await admin(
    { action: 'postUpdate', projectId: other._id, text: '不是我的', photoFileIDs: [] },
    'org-staff',
  );
  expect(theirs.error?.code).toBe('FORBIDDEN');
  expect(await b.emulator.db.get('projects', other._id)).toEqual(other);
  // Org staff do not review, and see only their own projects.
  expect(
    (await admin({ action: 'reviewProject', projectId: 'p001', decision: 'close' }, 'org-staff')).error?.code,
  ).toBe('FORBIDDEN');
  const list = await admin({ action: 'listProjects', campaignId: 'cq2022', limit: 100 }, 'org-staff');
  expect(list.result.total).toBeGreaterThan(0);
  expect(list.result.items.every((p: any) => p.orgId === p001.orgId)).toBe(true);
});

test('review decisions follow the project’s state, and donors see only fundraising projects', async () => {
  expect((await admin({ action: 'reviewProject', projectId: 'p002', decision: 'pause' })).error?.code).toBe(
    'INVALID_INPUT', // a pause needs a reason
  );
  const paused = await admin({ action: 'reviewProject', projectId: 'p002', decision: 'pause', reason: '材料待核实' });
  expect(paused.result.project).toMatchObject({ status: 'paused', reviewReason: '材料待核实' });
  const list = await b.call('projects', { action: 'list', q: (await b.emulator.db.get('projects', 'p002'))!.title });
  expect(list.result.items.map((p: any) => p.id)).not.toContain('p002');
  expect(
    (await admin({ action: 'reviewProject', projectId: 'p002', decision: 'return', reason: 'x' })).error?.code,
  ).toBe('INVALID_STATE');
  expect((await admin({ action: 'reviewProject', projectId: 'p002', decision: 'approve' })).result.project.status).toBe(
    'fundraising',
  );
});

test('every change is in the audit log with who, when, before and after; pages run newest first', async () => {
  const page1 = await admin({ action: 'auditLog', limit: 3 });
  expect(page1.result.items).toHaveLength(3);
  const all: any[] = [...page1.result.items];
  for (let cursor = page1.result.nextCursor; cursor;) {
    const next = await admin({ action: 'auditLog', limit: 3, cursor });
    all.push(...next.result.items);
    cursor = next.result.nextCursor;
  }
  const ats = all.map((e) => e.id);
  expect([...ats].sort().reverse()).toEqual(ats);
  const actions = new Set(all.map((e) => e.action));
  for (const a of ['inviteOperator', 'redeemInvite', 'postUpdate', 'reviewProject']) expect(actions).toContain(a);
  const pause = all.find((e) => e.action === 'reviewProject' && e.after.status === 'paused');
  expect(pause).toMatchObject({
    actor: ADMIN,
    role: 'admin',
    target: 'project:p002',
    before: { status: 'fundraising' },
  });
  expect(typeof pause.at).toBe('number');
});

test('campaign setup: validated; money rules locked once the session started, but by audited override', async () => {
  const got = await admin({ action: 'getCampaign', campaignId: 'cq2022' });
  const doc = got.result.campaign;
  expect(doc.id).toBe('cq2022');
  const save = (campaign: any, overrideReason?: string) => admin({ action: 'saveCampaign', campaign, overrideReason });

  b.at('2022-04-20', '12:00'); // before the session: everything may change
  const early = await save({ ...doc, name: doc.name, match: { ...doc.match, poolFen: doc.match.poolFen + 100 } });
  expect(early.error).toBeUndefined();
  expect(early.result.overridden).toEqual([]);
  const bad = await save({ ...doc, startDate: '2022-05-30' });
  expect(bad.error?.code).toBe('INVALID_INPUT');
  expect(bad.error?.message).toMatch(/^campaign\./);

  b.at(SESSION_DAY, '12:00');
  expect((await admin({ action: 'getCampaign', campaignId: 'cq2022' })).result.started).toBe(true);
  const current = { ...doc, match: { ...doc.match, poolFen: doc.match.poolFen + 100 } };
  const locked = await save({
    ...current,
    match: { ...current.match, userDailyCapFen: doc.match.userDailyCapFen + 100 },
  });
  expect(locked.error?.code).toBe('INVALID_STATE');
  expect((await b.emulator.db.get('campaigns', 'cq2022'))!.match.userDailyCapFen).toBe(doc.match.userDailyCapFen);
  const texts = await save({ ...current, shortName: '重庆专场·改' });
  expect(texts.error).toBeUndefined();
  const forced = await save({ ...current, match: { ...current.match, poolFen: doc.match.poolFen } }, '基金会追加确认');
  expect(forced.result.overridden).toEqual(['match']);
  const entry = (await b.emulator.db.find('audit_log', (e) => e.action === 'saveCampaign:override'))[0];
  expect(entry).toMatchObject({ actor: ADMIN, target: 'campaign:cq2022' });
  expect(entry.after.overrideReason).toBe('基金会追加确认');
  expect(entry.before.match.poolFen).toBe(doc.match.poolFen + 100);
  await save({ ...doc, shortName: doc.shortName }, '恢复'); // leave the seed as it was
});
