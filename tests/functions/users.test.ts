/**
 * Real people: users.setProfile / users.me (nickname checked by msgSecCheck, avatar by imgSecCheck, both
 * emulated), and the profile on the donor list (projects.get, projects.donors) and the assist page —
 * never on an anonymous donation.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { encodePng } from '../../scripts/png';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const users = (openid: string, data: Record<string, unknown>) => b.call('users', data, { openid });
const png = (text?: string) => encodePng(8, 8, (x, y) => [x * 30, y * 30, 120], text);

describe('users.setProfile and users.me', () => {
  test('a nickname is trimmed, checked and kept; a refused one changes nothing', async () => {
    expect((await users('nick', { action: 'me' })).result).toEqual({
      nickname: null,
      avatarFileID: null,
      avatarUrl: null,
    });
    const set = await users('nick', { action: 'setProfile', nickname: '  山城小李  ' });
    expect(set.result).toMatchObject({ nickname: '山城小李' });
    expect((await users('nick', { action: 'setProfile', nickname: '我爱赌博' })).error?.code).toBe('CONTENT_REJECTED');
    expect((await users('nick', { action: 'setProfile', nickname: '   ' })).error?.code).toBe('INVALID_INPUT');
    expect((await users('nick', { action: 'setProfile', nickname: '长'.repeat(21) })).error?.code).toBe(
      'INVALID_INPUT',
    );
    expect((await users('nick', { action: 'setProfile', openid: 'x' })).error?.code).toBe('CLIENT_OPENID_REJECTED');
    expect((await users('nick', { action: 'me' })).result.nickname).toBe('山城小李');
  });

  test('an avatar in storage passes imgSecCheck and gets a URL; a flagged or non-image one is refused', async () => {
    const ok = await b.emulator.storage.put('avatars/ok.png', png());
    const set = await users('face', { action: 'setProfile', avatarFileID: ok });
    expect(set.error).toBeUndefined();
    expect(set.result.avatarFileID).toBe(ok);
    expect(set.result.avatarUrl).toMatch(/^https?:\/\//);
    const risky = await b.emulator.storage.put('avatars/bad.png', png('赌博'));
    expect((await users('face', { action: 'setProfile', avatarFileID: risky })).error?.code).toBe('CONTENT_REJECTED');
    const text = await b.emulator.storage.put('avatars/not-an-image.png', Buffer.from('hello'));
    expect((await users('face', { action: 'setProfile', avatarFileID: text })).error?.code).toBe('CONTENT_REJECTED');
    const missing = ok.replace('ok.png', 'missing.png');
    expect((await users('face', { action: 'setProfile', avatarFileID: missing })).error?.code).toBe('CONTENT_REJECTED');
    expect((await users('face', { action: 'me' })).result.avatarFileID).toBe(ok);
    expect((await users('face', { action: 'setProfile', avatarFileID: 'http://x/y.png' })).error?.code).toBe(
      'INVALID_INPUT',
    );
    // A file outside avatars/ (a staff export, a project photo) cannot become an avatar, image or not.
    const elsewhere = await b.emulator.storage.put('exports/settlement.png', png());
    expect((await users('face', { action: 'setProfile', avatarFileID: elsewhere })).error?.code).toBe('INVALID_INPUT');
    expect((await users('face', { action: 'me' })).result.avatarFileID).toBe(ok);
  });
});

describe('profiles on the donor list and the assist page', () => {
  test('the donor list names donors by nickname with their avatar; anonymous stays anonymous', async () => {
    b.at(SESSION_DAY, '09:00');
    const avatar = await b.emulator.storage.put('avatars/named.png', png());
    await users('named', { action: 'setProfile', nickname: '渝北老王', avatarFileID: avatar });
    await b.donate('named', 'p050', 500, { message: '加油' });
    b.at(SESSION_DAY, '09:01');
    await b.donate('named', 'p050', 300, { anonymous: true, message: '不留名' });
    b.at(SESSION_DAY, '09:02');
    await b.donate('unnamed', 'p050', 200);
    const detail = (await b.call('projects', { action: 'get', id: 'p050' }, { openid: 'viewer' })).result;
    // The page facts ride along: a budget adding up to the target and the fundraising plan filing number.
    expect(detail.page.budget.reduce((sum: number, i: any) => sum + i.amountFen, 0)).toBe(detail.targetFen);
    expect(detail.page.orgCard.filingNo).toMatch(/^[0-9A-Z]{18}A22\d{3}$/);
    const [unnamed, anonymous, named] = detail.recentDonations;
    expect(named).toMatchObject({ name: '渝北老王', amountFen: 500, message: '加油' });
    expect(named.avatarUrl).toMatch(/^https?:\/\//);
    expect(anonymous).toEqual({ name: '匿名爱心人士', avatarUrl: null, amountFen: 300, at: anonymous.at });
    expect(unnamed.name).toMatch(/^爱心网友[0-9A-F]{4}$/);
    expect(unnamed.avatarUrl).toBeNull();
  });

  test('projects.donors pages through every donor, newest first', async () => {
    const t0 = b.at(SESSION_DAY, '09:10');
    for (let i = 0; i < 25; i++) {
      b.emulator.setClock({ now: t0 + i * 1000, frozen: true });
      await b.donate(`pager-${i}`, 'p051', 100 + i);
    }
    const donors = async (data: Record<string, unknown>) =>
      b.call('projects', { action: 'donors', id: 'p051', ...data }, { openid: 'v' });
    const first = (await donors({})).result;
    expect(first.items).toHaveLength(20);
    expect(first.items[0].amountFen).toBe(124);
    const second = (await donors({ cursor: first.nextCursor })).result;
    expect(second.items.map((d: any) => d.amountFen)).toEqual([104, 103, 102, 101, 100]);
    expect(second.nextCursor).toBeNull();
    expect((await donors({ cursor: 'x' })).error?.code).toBe('INVALID_INPUT');
  });

  test('the assist page names the inviter by their nickname', async () => {
    b.at(SESSION_DAY, '09:30');
    await users('inviter-with-name', { action: 'setProfile', nickname: '江北阿姐' });
    await b.donate('inviter-with-name', 'p052', 100);
    const share = await b.call('assist', { action: 'share', projectId: 'p052' }, { openid: 'inviter-with-name' });
    const open = await b.call('assist', { action: 'open', shareId: share.result.shareId }, { openid: 'friend-x' });
    expect(open.result.inviter).toMatchObject({ nickname: '江北阿姐', isMe: false });
  });
});
