/**
 * Project intake through cloud storage: a 50-row sheet with 5 bad rows imports 45 projects and reports the 5 with
 * their reasons, stores nothing of the bad rows, imports the same on a re-run; .xlsx reads like CSV; imported
 * projects reach donors only once approved. Files go up through the bridge's upload route, as the console does.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { INTAKE_COLUMNS } from '../../domain/intake';
import { toCsv, toXlsx } from '../../cloudfunctions/_lib/sheets';

let b: Backend;
beforeAll(async () => {
  process.env.SHANXING_SUB_MCH_ID ??= '1900000109';
  b = await startBackend();
  b.at(SESSION_DAY, '12:00');
});
afterAll(() => b.stop());

const ADMIN = 'admin-local';
const admin = (data: Record<string, unknown>, openid = ADMIN) => b.call('admin', data, { openid });

async function upload(cloudPath: string, content: Buffer, openid = ADMIN): Promise<string> {
  const res = await fetch(`${b.url}/api/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-OpenId': openid },
    body: JSON.stringify({ cloudPath, fileContent: content.toString('base64') }),
  });
  const body = (await res.json()) as any;
  if (!body.result?.fileID) throw new Error(`upload failed: ${JSON.stringify(body)}`);
  return body.result.fileID;
}

const row = (i: number, over: Partial<Record<(typeof INTAKE_COLUMNS)[number], string>> = {}) => {
  const cells: Record<string, string> = {
    id: `imp${String(i).padStart(3, '0')}`,
    title: `导入项目第${i}号`,
    org: i % 2 ? '导入测试基金会' : '导入测试慈善会',
    orgId: i % 2 ? 'imp-org-a' : 'imp-org-b',
    district: '渝中区',
    domain: '教育帮扶',
    targetFen: String(1_000_000 + i),
    cover: '',
    summary: `第${i}号项目的简介`,
    story: `第${i}号项目的详细介绍，含逗号, 和"引号"`,
    partner: i % 3 ? '否' : '是',
    ...over,
  };
  return INTAKE_COLUMNS.map((c) => cells[c]);
};

/** 50 rows; rows 7, 14, 21, 28, 35 are bad, each for another reason. */
function sheet(): string[][] {
  const rows: string[][] = [[...INTAKE_COLUMNS]];
  for (let i = 1; i <= 50; i++) {
    const bad: Record<number, Partial<Record<(typeof INTAKE_COLUMNS)[number], string>>> = {
      7: { domain: 'no-such-domain' },
      14: { title: '' },
      21: { targetFen: '-5' },
      28: { id: 'imp001' }, // the same id as row 1
      35: { partner: '也许' },
    };
    rows.push(row(i, bad[i]));
  }
  return rows;
}
const BAD_ROWS = [7, 14, 21, 28, 35];

const FIFTY =
  '50 rows with 5 bad: 45 imported, 5 rejected with reasons, nothing of the bad rows stored; a re-run is the same';
test(FIFTY, async () => {
  const settings = await b.emulator.db.get('campaigns', 'cq2022');
  expect(settings!.domains.map((d: any) => d.id)).toContain('教育帮扶');
  const fileID = await upload('imports/projects-50.csv', toCsv(sheet()));
  const r = await admin({ action: 'importProjects', campaignId: 'cq2022', fileID });
  expect(r.error).toBeUndefined();
  expect(r.result.imported).toBe(45);
  expect(r.result.rejected.map((x: any) => x.row)).toEqual(BAD_ROWS);
  for (const x of r.result.rejected) expect(x.reason).toMatch(/^(domain|title|targetFen|id|partner): /);
  for (const i of [7, 14, 21, 35])
    expect(await b.emulator.db.get('projects', `imp${String(i).padStart(3, '0')}`)).toBeNull();
  const one = (await b.emulator.db.get('projects', 'imp001'))!;
  expect(one).toMatchObject({ campaignId: 'cq2022', status: 'pending', targetFen: 1_000_001, partner: false });
  expect(one.story).toBe('第1号项目的详细介绍，含逗号, 和"引号"'); // not the row-28 duplicate
  expect(await b.count('projects', (p) => String(p._id).startsWith('imp'))).toBe(45);

  const auditBefore = await b.count('audit_log');
  const again = await admin({ action: 'importProjects', campaignId: 'cq2022', fileID });
  expect(again.result.imported).toBe(45);
  expect(again.result.rejected.map((x: any) => x.row)).toEqual(BAD_ROWS);
  expect(await b.count('projects', (p) => String(p._id).startsWith('imp'))).toBe(45);
  expect(await b.count('audit_log')).toBe(auditBefore); // nothing changed, nothing logged
});

test('pending projects are invisible to donors until approved; then they are listed and take donations', async () => {
  const list = async () =>
    (await b.call('projects', { action: 'list', q: '导入项目', limit: 50 }, { openid: 'donor-x' })).result;
  expect((await list()).total).toBe(0);
  expect((await b.call('projects', { action: 'get', id: 'imp002' })).error?.code).toBe('PROJECT_NOT_FOUND');
  expect(
    (await b.call('donate', { action: 'create', projectId: 'imp002', amountFen: 100 }, { openid: 'd' })).error?.code,
  ).toBe('PROJECT_CLOSED');
  const queue = await admin({ action: 'listProjects', campaignId: 'cq2022', status: 'pending', limit: 100 });
  expect(queue.result.total).toBe(45);
  for (const p of queue.result.items) {
    const r = await admin({ action: 'reviewProject', projectId: p.id, decision: 'approve' });
    expect(r.result.project.status).toBe('fundraising');
  }
  expect((await list()).total).toBe(45);
  const orderId = await b.donate('donor-x', 'imp002', 1_000);
  expect((await b.emulator.db.get('orders', orderId))!.status).toBe('paid');
  const audit = await b.emulator.db.find('audit_log', (e) => e.action === 'reviewProject');
  expect(audit.filter((e) => String(e.target).startsWith('project:imp'))).toHaveLength(45);
  expect(await b.count('audit_log', (e) => e.action === 'importProjects')).toBe(45);
});

test('an .xlsx file imports like the CSV; an approved project is not re-imported over', async () => {
  const rows = [[...INTAKE_COLUMNS], row(101), row(102), row(2, { title: '改过的标题' })];
  const fileID = await upload('imports/projects.xlsx', toXlsx([{ name: 'projects', rows }]));
  const r = await admin({ action: 'importProjects', campaignId: 'cq2022', fileID });
  expect(r.result.imported).toBe(2);
  expect(r.result.rejected).toEqual([{ row: 3, reason: expect.stringMatching(/^id: .*已审核/) }]);
  expect((await b.emulator.db.get('projects', 'imp101'))!.title).toBe('导入项目第101号');
  expect((await b.emulator.db.get('projects', 'imp002'))!.title).toBe('导入项目第2号');
});

test('a file without the template’s columns is refused whole; org staff import their own rows only', async () => {
  const fileID = await upload(
    'imports/bad-header.csv',
    toCsv([
      ['id', 'name'],
      ['x', 'y'],
    ]),
  );
  const r = await admin({ action: 'importProjects', campaignId: 'cq2022', fileID });
  expect(r.error?.code).toBe('INVALID_INPUT');
  expect(r.error?.message).toContain('缺少列');

  const inv = await admin({ action: 'inviteOperator', role: 'org', orgId: 'imp-org-a' });
  await admin({ action: 'redeemInvite', code: inv.result.code }, 'org-a-staff');
  const rows = [[...INTAKE_COLUMNS], row(201), row(202)]; // 201: org a, 202: org b
  const mine = await upload('imports/org-a.csv', toCsv(rows), 'org-a-staff');
  const o = await admin({ action: 'importProjects', campaignId: 'cq2022', fileID: mine }, 'org-a-staff');
  expect(o.result.imported).toBe(1);
  expect(o.result.rejected).toEqual([{ row: 2, reason: 'orgId: 只能导入本机构的项目' }]);
  expect(await b.emulator.db.get('projects', 'imp202')).toBeNull();
  // Their draft is theirs to edit; another organisation's is not.
  expect(
    (await admin({ action: 'editProject', projectId: 'imp201', patch: { title: '机构改过的标题' } }, 'org-a-staff'))
      .error,
  ).toBeUndefined();
  expect(
    (await admin({ action: 'editProject', projectId: 'imp102', patch: { title: 'x改' } }, 'org-a-staff')).error?.code,
  ).toBe('FORBIDDEN');
});

test('the template downloads as CSV and .xlsx with the import columns', async () => {
  for (const format of ['csv', 'xlsx']) {
    const t = await admin({ action: 'intakeTemplate', format });
    expect(t.error).toBeUndefined();
    const res = await fetch(t.result.tempFileURL);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (format === 'csv') expect(bytes.toString('utf8')).toContain(INTAKE_COLUMNS.join(','));
    else expect(bytes.subarray(0, 2).toString()).toBe('PK');
  }
});
