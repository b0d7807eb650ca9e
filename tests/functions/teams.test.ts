/**
 * 一起捐 teams, leaderboards and the footprint through the real functions and the emulator: A starts a
 * team, B and C donate through it, one of C's donations is refunded through WeChat Pay; the team shows A's
 * goal, B and C and the right total; the district board moves by exactly the paid amounts; every board
 * equals the sums over the journal; concurrent donations into one team land to the fen; hostile input
 * changes nothing.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import type { JournalEntry } from '../../domain/ledger';
import { balancesByKind } from '../../domain/ledger';
import { teamTotals } from '../../domain/teams';

let b: Backend;
beforeAll(async () => {
  process.env.SHANXING_SUB_MCH_ID ??= '1900000109';
  b = await startBackend({ randomSeed: 'teams-tests' });
});
afterAll(() => b.stop());

const PROJECT = 'p050';
const OTHER = 'p051';
const teams = (openid: string, data: Record<string, unknown>) => b.call('teams', data, { openid });
const boards = (data: Record<string, unknown>, openid = 'viewer') =>
  b.call('boards', { action: 'get', ...data }, { openid });
const admin = (data: Record<string, unknown>) => b.call('admin', data, { openid: 'admin-local' });

async function refunded(orderId: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const doc = await b.emulator.db.get('refunds', `R${orderId}`);
    if (doc?.status === 'succeeded') return;
    if (doc?.status === 'failed' || Date.now() > deadline) throw new Error(`refund of ${orderId}: ${doc?.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every row of a board, page by page. */
async function wholeBoard(board: string, extra: Record<string, unknown> = {}): Promise<any[]> {
  const rows: any[] = [];
  let cursor: string | null | undefined;
  do {
    const r = await boards({ board, ...extra, ...(cursor ? { cursor } : {}) });
    expect(r.error).toBeUndefined();
    rows.push(...r.result.items);
    cursor = r.result.nextCursor;
  } while (cursor);
  return rows;
}

const journal = async () => (await b.emulator.db.find('journal')) as unknown as JournalEntry[];

async function districtOf(projectId: string): Promise<string> {
  return String((await b.emulator.db.get('projects', projectId))!.district);
}

describe('一起捐: A starts a team, B and C give through it, one of C’s is refunded', () => {
  let teamId = '';
  let district = '';
  let districtBefore: any;

  test('A creates a team on a fundraising project; its name and line are checked', async () => {
    b.at(SESSION_DAY, '09:00');
    district = await districtOf(PROJECT);
    districtBefore = (await wholeBoard('districts')).find((r) => r.key === district);
    const created = await teams('team-a', {
      action: 'create',
      projectId: PROJECT,
      name: '  渝北跑团  ',
      goalFen: 50_000,
      line: '一起为山里的孩子加油',
    });
    expect(created.error).toBeUndefined();
    teamId = created.result.teamId;
    expect(teamId).toMatch(/^TM[0-9A-Z]{16}$/);
    const view = (await teams('team-a', { action: 'get', teamId })).result;
    expect(view).toMatchObject({
      name: '渝北跑团',
      line: '一起为山里的孩子加油',
      goalFen: 50_000,
      raisedFen: 0,
      donations: 0,
      status: 'open',
      mine: true,
      projectId: PROJECT,
      members: [],
    });
    expect(view.timeLeftMs).toBeGreaterThan(0);
    expect(JSON.stringify(view)).not.toContain('team-a'); // the creator's openid is never shown
  });

  test('B and C donate through the team; C’s second donation is refunded; the team shows the right total', async () => {
    await b.call('users', { action: 'setProfile', nickname: '江北小B' }, { openid: 'team-b' });
    b.at(SESSION_DAY, '09:01');
    await b.donate('team-b', PROJECT, 1_000, { teamId, message: '冲！' });
    b.at(SESSION_DAY, '09:02');
    await b.donate('team-c', PROJECT, 2_000, { teamId });
    b.at(SESSION_DAY, '09:03');
    const refundMe = await b.donate('team-c', PROJECT, 3_000, { teamId });
    b.at(SESSION_DAY, '09:04');
    await b.donate('team-d', PROJECT, 700); // not through the team
    expect((await teams('team-b', { action: 'get', teamId })).result).toMatchObject({ raisedFen: 6_000, donations: 3 });

    const r = await admin({ action: 'refund', orderId: refundMe, reason: '捐赠人申请退款' });
    expect(r.error).toBeUndefined();
    await refunded(refundMe);

    const view = (await teams('team-b', { action: 'get', teamId })).result;
    expect(view).toMatchObject({ goalFen: 50_000, raisedFen: 3_000, donations: 2, progressBp: 600, mine: false });
    expect(view.members.map((m: any) => [m.name.startsWith('爱心网友') ? 'C' : m.name, m.amountFen])).toEqual([
      ['C', 2_000],
      ['江北小B', 1_000],
    ]);
    expect(view.members[1].message).toBe('冲！');
    // The journal decides: the team's counters equal the sum over its entries.
    expect(teamTotals(await journal()).get(teamId)).toEqual({ fen: 3_000, donations: 2 });
  });

  test('the district board moved by exactly the paid amounts', async () => {
    const after = (await wholeBoard('districts')).find((r) => r.key === district);
    expect(after.donatedFen - (districtBefore?.donatedFen ?? 0)).toBe(1_000 + 2_000 + 3_000 - 3_000 + 700);
    expect(after.donations - (districtBefore?.donations ?? 0)).toBe(3); // 4 paid, 1 refunded
  });

  test('every board equals the sums over the journal', async () => {
    const entries = await journal();
    const byProject = balancesByKind(entries).projects;
    const projects = new Map((await b.emulator.db.find('projects')).map((p) => [String(p._id), p]));
    const sums = (keyOf: (p: any) => string) => {
      const out = new Map<string, { raised: number; donated: number }>();
      for (const [id, src] of byProject) {
        const p = projects.get(id)!;
        const row = out.get(keyOf(p)) ?? { raised: 0, donated: 0 };
        row.raised += Object.values(src).reduce((t, v) => t + v, 0);
        row.donated += src.public + src.coupon;
        out.set(keyOf(p), row);
      }
      return out;
    };
    for (const [board, keyOf] of [
      ['districts', (p: any) => p.district],
      ['organisations', (p: any) => p.orgId],
      ['projects', (p: any) => p._id],
    ] as const) {
      const rows = await wholeBoard(board);
      const want = sums(keyOf);
      for (const row of rows) {
        const w = want.get(row.key) ?? { raised: 0, donated: 0 };
        expect([board, row.key, row.raisedFen, row.donatedFen]).toEqual([board, row.key, w.raised, w.donated]);
      }
      for (const [key, w] of want) if (w.raised) expect(rows.some((r) => r.key === key)).toBe(true);
      // Ranked: most raised first, ranks 1, 2, 3…
      expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
      for (let i = 1; i < rows.length; i++) expect(rows[i - 1].raisedFen).toBeGreaterThanOrEqual(rows[i].raisedFen);
    }
    const teamRows = await wholeBoard('teams');
    const want = teamTotals(entries);
    expect(new Map(teamRows.map((r) => [r.key, r.raisedFen]))).toEqual(
      new Map([...want].map(([id, t]) => [id, t.fen])),
    );
    expect(teamRows.find((r) => r.key === teamId)).toMatchObject({ name: '渝北跑团', raisedFen: 3_000 });
  });

  test('the projects board within a domain holds only that domain; an unknown domain is refused', async () => {
    const domain = String((await b.emulator.db.get('projects', PROJECT))!.domain);
    const rows = await wholeBoard('projects', { domain });
    const projects = new Map((await b.emulator.db.find('projects')).map((p) => [String(p._id), p]));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => projects.get(r.key)!.domain === domain)).toBe(true);
    expect((await boards({ board: 'projects', domain: 'nope' })).error?.code).toBe('INVALID_INPUT');
    expect((await boards({ board: 'galaxies' })).error?.code).toBe('INVALID_INPUT');
  });

  test('my footprint counts B’s giving, the team and the district', async () => {
    const fp = (await b.call('users', { action: 'footprint' }, { openid: 'team-b' })).result;
    expect(fp).toMatchObject({
      donatedFen: 1_000,
      donations: 1,
      projects: 1,
      districts: 1,
      teamsJoined: 1,
      teamsLed: 0,
    });
    const c = (await b.call('users', { action: 'footprint' }, { openid: 'team-c' })).result;
    expect(c).toMatchObject({ donatedFen: 2_000, donations: 1, teamsJoined: 1 }); // the refunded one folded out
    expect((await b.call('users', { action: 'footprint' }, { openid: 'team-a' })).result).toMatchObject({
      donatedFen: 0,
      teamsLed: 1,
    });
  });

  test('hostile input: others cannot close, bad ids, another project, a closed team; nothing changes', async () => {
    b.at(SESSION_DAY, '09:30');
    expect((await teams('team-b', { action: 'close', teamId })).error?.code).toBe('FORBIDDEN');
    expect((await teams('team-b', { action: 'get', teamId: 'TM0000000000000000' })).error?.code).toBe('TEAM_NOT_FOUND');
    expect((await teams('team-b', { action: 'get', teamId: '../x' })).error?.code).toBe('INVALID_INPUT');
    const err = (data: Record<string, unknown>) =>
      b.call('donate', { action: 'create', amountFen: 500, ...data }, { openid: 'team-e' }).then((r) => r.error?.code);
    expect(await err({ projectId: OTHER, teamId })).toBe('TEAM_MISMATCH');
    expect(await err({ projectId: PROJECT, teamId: 'TM0000000000000000' })).toBe('TEAM_NOT_FOUND');
    const bad = (data: Record<string, unknown>) =>
      teams('team-e', { action: 'create', projectId: PROJECT, name: '好团', goalFen: 10_000, ...data }).then(
        (r) => r.error?.code,
      );
    expect(await bad({ goalFen: 99 })).toBe('INVALID_INPUT');
    expect(await bad({ goalFen: 100.5 })).toBe('INVALID_INPUT');
    expect(await bad({ name: '   ' })).toBe('INVALID_INPUT');
    expect(await bad({ name: '我爱赌博' })).toBe('CONTENT_REJECTED');
    expect(await bad({ projectId: 'p999x' })).toBe('PROJECT_NOT_FOUND');
    expect(await bad({ openid: 'team-a' })).toBe('CLIENT_OPENID_REJECTED');
    expect(await bad({ extra: 1 })).toBe('INVALID_INPUT');
    expect(await b.count('teams')).toBe(1);

    expect((await teams('team-a', { action: 'close', teamId })).result).toEqual({ teamId, status: 'closed' });
    expect((await teams('team-a', { action: 'close', teamId })).result).toEqual({ teamId, status: 'closed' });
    expect(await err({ projectId: PROJECT, teamId })).toBe('TEAM_CLOSED');
    expect((await teams('team-b', { action: 'get', teamId })).result).toMatchObject({
      status: 'closed',
      raisedFen: 3_000,
    });
    expect((await teams('team-a', { action: 'mine' })).result.items).toEqual([
      expect.objectContaining({ teamId, status: 'closed', goalFen: 50_000 }),
    ]);
  });

  test('closing a project closes its teams', async () => {
    const { teamId: t2 } = (await teams('team-a', { action: 'create', projectId: OTHER, name: '第二队', goalFen: 100 }))
      .result;
    expect((await teams('x', { action: 'get', teamId: t2 })).result.status).toBe('open');
    const closed = await admin({ action: 'reviewProject', projectId: OTHER, decision: 'close' });
    expect(closed.error).toBeUndefined();
    expect((await teams('x', { action: 'get', teamId: t2 })).result.status).toBe('closed');
  });
});

test('concurrent donations into one team land to the fen, on several counter shards, matched as usual', async () => {
  b.at(SESSION_DAY, '10:30', { running: true });
  const { teamId } = (await teams('hot-a', { action: 'create', projectId: PROJECT, name: '热门团', goalFen: 100_000 }))
    .result;
  const N = 24;
  const amounts = Array.from({ length: N }, (_, i) => 100 + i * 13);
  const ids = await Promise.all(
    amounts.map(async (fen, i) => {
      const { orderId } = await b.create(`hot-${i}`, { projectId: PROJECT, amountFen: fen, teamId });
      await b.emulator.pay(orderId);
      return orderId;
    }),
  );
  await b.settled(ids);
  const want = amounts.reduce((t, v) => t + v, 0);
  expect((await teams('hot-a', { action: 'get', teamId })).result).toMatchObject({ raisedFen: want, donations: N });
  expect(teamTotals(await journal()).get(teamId)).toEqual({ fen: want, donations: N });
  const shards = await b.emulator.db.find('team_counters', (d) => d.teamId === teamId);
  expect(shards.length).toBeGreaterThan(1);
  // The match (10:00 onwards) still applies to team donations: the journal shows it on the project.
  const orders = await b.emulator.db.find('orders', (o) => o.teamId === teamId);
  expect(orders.every((o) => o.status === 'paid' && o.match)).toBe(true);
});

test('the inviters board is opt-in', async () => {
  b.at(SESSION_DAY, '11:00');
  await b.donate('inviter-x', PROJECT, 1_000);
  const { shareId } = (await b.call('assist', { action: 'share', projectId: PROJECT }, { openid: 'inviter-x' })).result;
  for (let i = 0; i < 2; i++) {
    await b.emulator.db.put('flower_accounts', { _id: `friend-${i}`, balance: 1, given: 0, earned: {}, keys: {} });
    const r = await b.call('assist', { action: 'flower', shareId }, { openid: `friend-${i}` });
    expect(r.error).toBeUndefined();
  }
  const named = async () => (await wholeBoard('inviters')).filter((r) => r.friends === 2);
  expect(await named()).toEqual([]);
  expect(
    (await b.call('users', { action: 'setBoardOptIn', boardOptIn: true }, { openid: 'inviter-x' })).result,
  ).toEqual({
    boardOptIn: true,
  });
  const rows = await named();
  expect(rows).toHaveLength(1);
  expect(rows[0].name).toMatch(/^爱心网友/);
  expect(JSON.stringify(rows)).not.toContain('inviter-x');
  await b.call('users', { action: 'setBoardOptIn', boardOptIn: false }, { openid: 'inviter-x' });
  expect(await named()).toEqual([]);
});
