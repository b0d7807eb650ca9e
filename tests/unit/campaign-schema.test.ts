import { campaignSchema, parseCampaign } from '../../domain/campaignSchema';
import { CAMPAIGNS, CHONGQING_2022, HUBEI_2022 } from '../../domain/campaigns';
import type { CampaignSettings } from '../../domain/settings';

/** A deep copy with one change: each case breaks exactly one rule. */
const edit = (f: (c: CampaignSettings) => void, base: CampaignSettings = CHONGQING_2022): unknown => {
  const c = structuredClone(base);
  f(c);
  return c;
};
const issues = (input: unknown): string[] => {
  const r = campaignSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('campaign schema', () => {
  it('accepts every shipped campaign unchanged', () => {
    for (const c of CAMPAIGNS) expect(parseCampaign(c)).toEqual(c);
  });

  it('keeps the Hubei rules of seed 003', () => {
    expect(HUBEI_2022.assist.actions).toEqual(['quiz', 'flower']);
    expect(HUBEI_2022.match.poolFen).toBe(2_000_000_000);
    expect([HUBEI_2022.startDate, HUBEI_2022.endDate, HUBEI_2022.warmupStartDate]).toEqual([
      '2022-05-20',
      '2022-05-22',
      '2022-05-09',
    ]);
    expect([HUBEI_2022.steps.startDate, HUBEI_2022.steps.endDate, HUBEI_2022.steps.threshold]).toEqual([
      '2022-05-09',
      '2022-05-22',
      6000,
    ]);
    expect(HUBEI_2022.domains.map((d) => d.name)).toEqual(['乡村振兴', '教育', '生态保护', '生命健康']);
  });

  it.each<[string, (c: CampaignSettings) => void, string]>([
    ['dates out of order', (c) => (c.endDate = '2022-04-26'), 'endDate'],
    ['a non-calendar date', (c) => (c.startDate = '2022-02-30'), 'startDate'],
    ['warm-up after the festival', (c) => (c.warmupStartDate = '2022-04-28'), 'warmupStartDate'],
    ['release not summing to 10,000 bp', (c) => (c.match.dailyReleaseBp = [3333, 3333, 3333]), 'match.dailyReleaseBp'],
    ['one release entry too few', (c) => (c.match.dailyReleaseBp = [5000, 5000]), 'match.dailyReleaseBp'],
    ['window closing before it opens', (c) => (c.match.opensAt = '24:00'), 'match.closesAt'],
    ['closing at opening', (c) => (c.match.closesAt = '10:00'), 'match.closesAt'],
    ['a zero user cap', (c) => (c.match.userDailyCapFen = 0), 'match.userDailyCapFen'],
    ['a negative project cap', (c) => (c.match.projectDailyCapFen = -1), 'match.projectDailyCapFen'],
    ['fractional fen', (c) => (c.minDonationFen = 1.5), 'minDonationFen'],
    ['min draw above max draw', (c) => (c.match.minMatchFen = c.match.maxMatchFen + 1), 'match.maxMatchFen'],
    ['no assist action', (c) => (c.assist.actions = []), 'assist.actions'],
    ['an unknown assist action', (c) => ((c.assist.actions as string[]) = ['share']), 'assist.actions.0'],
    ['pass mark above the questions', (c) => (c.quiz.passMark = 6), 'quiz.passMark'],
    ['steps ending before they start', (c) => (c.steps.endDate = '2022-04-01'), 'steps.endDate'],
    ['steps before the warm-up', (c) => (c.steps.startDate = '2022-04-26'), 'steps.startDate'],
    ['duplicate domain ids', (c) => c.domains.push({ ...c.domains[0] }), 'domains'],
    ['a bad colour', (c) => (c.theme.primary = 'red'), 'theme.primary'],
    ['a certificate prefix without its dash', (c) => (c.certificate.prefix = 'CQ2022'), 'certificate.prefix'],
    ['an unknown field (a typo)', (c) => Object.assign(c, { startdate: '2022-04-27' }), ''],
  ])('refuses %s', (_name, f, path) => {
    const found = issues(edit(f));
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((i) => i.startsWith(`${path}:`) || (path === '' && i.includes('startdate')))).toBe(true);
  });

  it('lets steps start on the warm-up day but not before it', () => {
    expect(issues(edit((c) => (c.steps.startDate = '2022-05-09'), HUBEI_2022))).toEqual([]);
    expect(issues(edit((c) => (c.steps.startDate = '2022-05-08'), HUBEI_2022))).not.toEqual([]);
  });
});
