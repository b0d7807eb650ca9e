/**
 * Hubei caring enterprises (湖北爱心企业) that pay for 一块走 from the warm-up on 9 May (seed 003). Seed 003 gives
 * neither their names nor their budget: the names are ILLUSTRATIVE inventions (no real company is meant), and the
 * count and the 8,000,000-yuan total are our choice, kept here as constants.
 */
import type { SeedSponsor } from '../sponsors';

export const HUBEI_SPONSORS_TOTAL_FEN = 800_000_000;

const s = (n: number, name: string, pledgedYuan: number, slogan: string): SeedSponsor => ({
  id: `hs${String(n).padStart(2, '0')}`,
  name,
  pledgedFen: pledgedYuan * 100,
  slogan,
});

export const HUBEI_SPONSORS: SeedSponsor[] = [
  s(1, '荆楚农商发展集团（示例）', 1_000_000, '每一步，都走向更美的荆楚乡村'),
  s(2, '江城光谷云智科技有限公司（示例）', 800_000, '科技向善，步步同行'),
  s(3, '楚天鲜生超市连锁（示例）', 600_000, '让好山货走出大山'),
  s(4, '长江汉水物流集团（示例）', 600_000, '把爱心送到最后一公里'),
  s(5, '江汉平原稻虾产业有限公司（示例）', 500_000, '一田两用，共同富裕'),
  s(6, '恩施硒源茶业有限公司（示例）', 500_000, '一片茶叶富一方百姓'),
  s(7, '荆楚建工集团（示例）', 500_000, '为乡亲筑安居'),
  s(8, '三峡清源能源股份有限公司（示例）', 400_000, '点亮乡村每一盏灯'),
  s(9, '楚味热干面餐饮管理有限公司（示例）', 400_000, '一碗热干面，一份热心肠'),
  s(10, '汉江智造汽车零部件有限公司（示例）', 400_000, '同心同行，步步向善'),
  s(11, '大别山生态农业有限公司（示例）', 300_000, '青山绿水也是金山银山'),
  s(12, '千湖乳业有限公司（示例）', 300_000, '一杯牛奶，一份成长'),
  s(13, '楚天康养产业有限公司（示例）', 300_000, '让每位老人老有所依'),
  s(14, '荆州古城文旅有限公司（示例）', 300_000, '守护山水，共享美好'),
  s(15, '随州香菇食品有限公司（示例）', 250_000, '好食材来自好乡村'),
  s(16, '秭归脐橙产业有限公司（示例）', 250_000, '一颗果子，一份希望'),
  s(17, '黄鹤楼印务有限公司（示例）', 200_000, '为乡村孩子印好书'),
  s(18, '神农百草药业有限公司（示例）', 200_000, '守护乡亲健康'),
  s(19, '襄阳汉水数码科技有限公司（示例）', 100_000, '用科技缩小城乡差距'),
  s(20, '咸宁竹乡文创有限公司（示例）', 100_000, '匠心守艺，助力乡村'),
];
