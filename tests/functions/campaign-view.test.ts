/**
 * campaign.get serves the campaign's public settings — the numbers every screen words its rules from — for
 * the default campaign (app_config/default) or a requested one, and nothing of the server's pacing internals.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { CHONGQING_2022 } from '../../domain/settings';
import { HUBEI_2022 } from '../../domain/campaigns/hubei2022';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
  b.at(SESSION_DAY, '09:00');
  // Hubei's document, as the seed writes it (idempotent: the seed may already have).
  if (!(await b.emulator.db.get('campaigns', HUBEI_2022.id))) {
    const { id, ...settings } = HUBEI_2022;
    await b.emulator.db.put('campaigns', { _id: id, ...settings });
  }
});
afterAll(() => b.stop());

const get = async (data: Record<string, unknown> = {}) =>
  b.call('campaign', { action: 'get', ...data }, { openid: 'u1' });

test('the default campaign: the rule numbers and presentation a screen needs', async () => {
  const { campaign } = (await get()).result;
  expect(campaign).toMatchObject({
    id: 'cq2022',
    name: CHONGQING_2022.name,
    organiser: CHONGQING_2022.organiser,
    matchOpensAt: '10:00',
    match: { minDonationFen: 100, maxDonationsPerMinute: 4, poolFen: CHONGQING_2022.match.poolFen },
    assist: { actions: ['donate', 'quiz', 'flower'] },
    steps: { threshold: 6000, startDate: '2022-04-27', endDate: '2022-04-29' },
    certificate: CHONGQING_2022.certificate,
    theme: { primary: CHONGQING_2022.theme.primary },
  });
  expect(campaign.domains).toHaveLength(CHONGQING_2022.domains.length);
  // Pacing internals stay on the server.
  for (const key of ['shards', 'dailyReleaseBp', 'baseChance', 'minMatchFen', 'maxMatchFen'])
    expect(campaign.match).not.toHaveProperty(key);
  expect(campaign.steps).not.toHaveProperty('foundationMatchChance');
  expect(campaign).not.toHaveProperty('topup');
  expect(campaign).not.toHaveProperty('orderBodyPrefix');
});

test('a requested campaign by id, and app_config/default choosing the default', async () => {
  const hb = (await get({ campaignId: HUBEI_2022.id })).result.campaign;
  expect(hb).toMatchObject({
    id: 'hubei-2022',
    startDate: '2022-05-20',
    warmupStartDate: '2022-05-09',
    assist: { actions: ['quiz', 'flower'] },
    steps: { startDate: '2022-05-09', endDate: '2022-05-22' },
  });
  const before = await b.emulator.db.get('app_config', 'default');
  await b.emulator.db.put('app_config', { _id: 'default', campaignId: HUBEI_2022.id });
  try {
    expect((await get()).result.campaign.id).toBe(HUBEI_2022.id);
  } finally {
    if (before) await b.emulator.db.put('app_config', before);
    else await b.emulator.db.remove('app_config', 'default');
  }
});

test('an unknown campaign is NOT_FOUND; a malformed id is refused', async () => {
  expect((await get({ campaignId: 'nope-2099' })).error).toMatchObject({ code: 'NOT_FOUND' });
  expect((await get({ campaignId: '../x' })).error).toMatchObject({ code: 'INVALID_INPUT' });
});
