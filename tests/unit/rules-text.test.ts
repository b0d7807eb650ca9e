/**
 * The client's rule sentences (src/utils/rules.ts) come from the campaign's numbers: the same builder words
 * Chongqing and the Hubei festival, each from its own settings (as campaign.get serves them).
 */
import { CHONGQING_2022 } from '@domain/settings';
import { HUBEI_2022 } from '@domain/campaigns/hubei2022';
import { campaignView } from '../../cloudfunctions/_lib/views';
import * as R from '../../src/utils/rules';

const cq = campaignView(CHONGQING_2022);
const hb = campaignView(HUBEI_2022);

describe('figures and dates', () => {
  test('yuan figures drop trailing zeros; large sums in 万', () => {
    expect([100, 150, 5, 99_900, 0].map(R.yuanFigure)).toEqual(['1', '1.5', '0.05', '999', '0']);
    expect(R.wanFigure(5_000_000_000)).toBe('5000万');
    expect(R.wanFigure(2_000_000_000)).toBe('2000万');
    expect(R.wanFigure(12_345_600)).toBe('12.35万');
    expect(R.wanFigure(50_000)).toBe('500');
  });

  test('date ranges: same month, across months, one day', () => {
    expect(R.dateRange('2022-04-27', '2022-04-29')).toBe('4月27日—29日');
    expect(R.dateRange('2022-05-30', '2022-06-01')).toBe('5月30日—6月1日');
    expect(R.dateRange('2022-05-20', '2022-05-20')).toBe('5月20日');
    expect(R.matchDates(hb)).toBe('5月20日—22日');
    expect(R.stepsDates(hb)).toBe('5月9日—22日');
  });
});

describe('Chongqing', () => {
  test('the rules panel', () => {
    expect(R.rulesList(cq)).toEqual([
      {
        title: '配捐规则',
        text:
          '4月27日—29日每天10:00起，单笔捐款满1元即有机会获得随机金额配捐（配捐总额5000万元），配捐金额有限，先到先得。' +
          '每人每日最多获得配捐999元，1分钟内超过4笔捐款不参与配捐。',
      },
      {
        title: '好友助力',
        text:
          '邀请好友为你捐助的项目助力：好友通过助力页捐款满1元、完成公益答题或送出小红花，你捐助的项目有机会再获得一次随机配捐。' +
          '每人每天最多为好友助力30次，你的每笔捐款最多获得5次额外配捐机会。',
      },
      {
        title: '一块走',
        text: '4月27日—29日每人每天微信步数满6000步即可捐步，由爱心企业出资捐赠，并有机会获得企业和基金会随机配捐。',
      },
      { title: '公益答题', text: '每天可答题3次，每次5题，答对4题即通过，通过可得小红花。' },
      {
        title: '小红花',
        text: '小红花可通过捐款（单笔满1元，每天最多3朵）、完成公益答题（每天最多1朵）、一块走捐出步数（每天最多1朵）获得，小红花可送给喜欢的项目，为项目加油。',
      },
    ]);
  });

  test('hints, reasons and fallbacks carry its numbers', () => {
    expect(R.donateHint(cq)).toBe('每天10:00起单笔满1元有机会获得配捐');
    expect(R.stepsThresholdRule(cq)).toBe('微信步数满6000步即可捐步');
    expect(R.assistWays(cq)).toBe('捐款、答题或送小红花');
    expect(R.noMatchReasonText('before_open', cq)).toBe('未到10:00配捐时间');
    expect(R.noMatchReasonText('rate_limited', cq)).toBe('捐款过于频繁（1分钟内超过4笔），本笔不参与配捐');
    expect(R.noMatchReasonText('below_minimum', cq)).toBe('单笔满1元才有配捐机会');
    expect(R.noMatchReasonText('pool_empty', cq)).toBeNull();
    expect(R.windowClosedText(cq, false)).toBe('今日配捐已结束，明日10:00再来');
    expect(R.errorFallback('AMOUNT_TOO_SMALL', cq)).toBe('单笔最少捐1元');
    expect(R.errorFallback('STEPS_BELOW_THRESHOLD', cq)).toBe('今日步数未达6000步');
    expect(R.bannerOrg(cq)).toBe(['重庆市慈善总会', ...CHONGQING_2022.supporters].join(' · '));
    expect(R.bannerPool(cq)).toBe('5000万元 爱心配捐');
  });

  test('steps run on the festival days only', () => {
    expect(R.stepsPeriodState(cq, '2022-04-26')).toBe('before');
    expect(R.stepsPeriodState(cq, '2022-04-28')).toBe('festival');
    expect(R.stepsPeriodState(cq, '2022-04-30')).toBe('after');
    expect(R.stepsPeriodText(cq, '2022-04-26')).toBe('一块走将于4月27日开始（4月27日—29日）');
  });

  test('certificate: the wording follows the donation', () => {
    expect(R.certificateBody(cq, { dateText: '2022年4月28日', projectTitle: '一村一梦', amountText: '¥10.00' })).toBe(
      `感谢您于2022年4月28日向「一村一梦」捐款¥10.00，${CHONGQING_2022.certificate.wording}`,
    );
  });
});

describe('Hubei (quiz and flower assist only, steps from the warm-up)', () => {
  test('the same builder words its own numbers', () => {
    const rules = R.rulesList(hb);
    expect(rules.map((r) => r.title)).toEqual(['配捐规则', '好友助力', '一块走', '公益答题', '小红花']);
    expect(rules[0].text).toMatch(
      /^5月20日—22日每天10:00起，单笔捐款满1元即有机会获得随机金额配捐（配捐总额2000万元）/,
    );
    expect(rules[1].text).toMatch(/^邀请好友为你捐助的项目助力：好友完成公益答题或送出小红花，/);
    expect(rules[1].text).not.toContain('捐款满');
    expect(rules[2].text).toBe(
      '5月9日—22日每人每天微信步数满6000步即可捐步，由爱心企业出资捐赠，5月20日—22日还有机会获得基金会随机配捐。',
    );
    expect(R.assistWays(hb)).toBe('答题或送小红花');
  });

  test('a warm-up day: steps open, the match not yet', () => {
    expect(R.stepsPeriodState(hb, '2022-05-08')).toBe('before');
    expect(R.stepsPeriodState(hb, '2022-05-12')).toBe('warmup');
    expect(R.stepsPeriodState(hb, '2022-05-21')).toBe('festival');
    expect(R.stepsPeriodState(hb, '2022-05-23')).toBe('after');
    expect(R.stepsPeriodText(hb, '2022-05-12')).toBe('预热期：今天捐步由爱心企业出资，基金会配捐5月20日—22日开放');
  });

  test('certificate wording that opens with its own thanks', () => {
    expect(R.certificateBody(hb, { dateText: '2022年5月21日', projectTitle: '幸福家园', amountText: '¥1.00' })).toBe(
      `您于2022年5月21日向「幸福家园」捐款¥1.00。${HUBEI_2022.certificate.wording}`,
    );
  });

  test('a window closing before midnight and a campaign without assist', () => {
    const late = { ...hb, matchClosesAt: '22:00' };
    expect(R.matchWindow(late)).toBe('每天10:00—22:00');
    const none = { ...hb, assist: { ...hb.assist, actions: [] } };
    expect(R.rulesList(none).map((r) => r.title)).not.toContain('好友助力');
  });

  test('no campaign yet: fallbacks name no number', () => {
    expect(R.noMatchReasonText('before_open', null)).toBe('未到配捐时间');
    expect(R.errorFallback('STEPS_BELOW_THRESHOLD', null)).toBe('今日步数未达标');
    expect(R.shareTitle(null)).toBe('善行');
    expect(R.shareTitle(cq)).toBe(`乡村振兴·重庆专场，${CHONGQING_2022.theme.slogan}`);
  });
});
