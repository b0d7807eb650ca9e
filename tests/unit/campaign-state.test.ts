/** A campaign's listing state from its dates and the clock (Beijing days), and the 往期 page's line. */
import { CHONGQING_2022 } from '@domain/settings';
import { HUBEI_2022 } from '@domain/campaigns/hubei2022';
import { campaignState } from '@domain/time';
import { poolDayId, poolShardId, userDayId, userKey } from '@domain/ids';
import { campaignLine, STATE_LABELS } from '../../src/utils/campaigns';

const at = (iso: string) => Date.parse(iso);

test('upcoming before the first festival day, live through the last (Beijing), ended after', () => {
  expect(campaignState(HUBEI_2022, at('2022-05-12T10:00:00+08:00'))).toBe('upcoming'); // warm-up: not the festival
  expect(campaignState(HUBEI_2022, at('2022-05-20T00:00:00+08:00'))).toBe('live');
  expect(campaignState(HUBEI_2022, at('2022-05-22T23:59:59+08:00'))).toBe('live');
  expect(campaignState(HUBEI_2022, at('2022-05-23T00:00:00+08:00'))).toBe('ended');
  expect(campaignState(CHONGQING_2022, at('2022-05-21T10:30:00+08:00'))).toBe('ended');
  expect(STATE_LABELS.ended).toBe('已结束');
});

test('the line names the campaign’s own dates and pool', () => {
  expect(campaignLine({ ...HUBEI_2022, poolFen: HUBEI_2022.match.poolFen })).toBe('5月20日—22日 · 配捐池 2000万元');
});

test('day-bound ids are keyed by campaign, so two campaigns on one day never share one', () => {
  expect(poolDayId('cq2022', '2022-05-21')).not.toBe(poolDayId('hubei-2022', '2022-05-21'));
  expect(poolShardId('hubei-2022', '2022-05-21', 7)).toBe('hubei-2022:2022-05-21:7');
  expect(userDayId('hubei-2022', 'u1', '2022-05-21')).toBe(`hubei-2022:${userKey('u1')}_2022-05-21`);
});
