import type { Domain } from '../domain/api';
import { DISTRICTS } from './districts';
import { THEMES } from './themes';

/**
 * Organisations that run projects in the session: the Chongqing Charity Federation, one charity federation per
 * district/county, and social organisations and volunteer groups. Social organisation names are invented, generic
 * names (no real organisation is implied).
 *
 * `partner` — the organisation runs its online projects in cooperation with 重庆市慈善总会, which tops them up by a
 * proportion of the public money raised (seed 004).
 */
export type OrgKind = 'federation' | 'charity' | 'social' | 'volunteer';

export interface SeedOrg {
  id: string;
  name: string;
  kind: OrgKind;
  /** Home district id; null for city-wide organisations. */
  districtId: string | null;
  domains: Domain[];
  /** Theme keys (see themes.ts) the organisation runs; empty = any theme in its domains. */
  themes: string[];
  partner: boolean;
}

const ALL: Domain[] = ['产业帮扶', '养老帮扶', '教育帮扶', '人才帮扶', '儿童关爱帮扶', '扶弱济困', '生态振兴'];

export const FEDERATION: SeedOrg = {
  id: 'o-cqcf',
  name: '重庆市慈善总会',
  kind: 'federation',
  districtId: null,
  domains: ALL,
  themes: [],
  partner: false,
};

/** District/county charity federations: "綦江区慈善会"; autonomous counties use the everyday "酉阳县慈善会". */
export const DISTRICT_CHARITIES: SeedOrg[] = DISTRICTS.map((x) => ({
  id: `o-${x.id}`,
  name: `${x.place}慈善会`,
  kind: 'charity' as const,
  districtId: x.id,
  domains: ALL,
  themes: [],
  partner: true,
}));

const domainOf = (themeKey: string): Domain => {
  const theme = THEMES.find((x) => x.key === themeKey);
  if (!theme) throw new Error(`unknown theme ${themeKey}`);
  return theme.domain;
};

const s = (
  id: string,
  name: string,
  kind: 'social' | 'volunteer',
  districtId: string | null,
  themes: string[],
  partner: boolean,
): SeedOrg => ({
  id: `o-${id}`,
  name,
  kind,
  districtId,
  domains: ALL.filter((dom) => themes.some((k) => domainOf(k) === dom)),
  themes,
  partner,
});

export const SOCIAL_ORGS: SeedOrg[] = [
  // City-wide social organisations
  s(
    'cq-elder',
    '重庆市夕阳红为老服务中心',
    'social',
    null,
    ['elder-canteen', 'home-care', 'ageing-retrofit', 'nursing-home'],
    true,
  ),
  s(
    'cq-study',
    '重庆市青苗助学服务中心',
    'social',
    null,
    ['dream-scholars', 'freshmen', 'boarding', 'hope-1plus1'],
    true,
  ),
  s(
    'cq-child',
    '重庆市乡村儿童关爱促进会',
    'social',
    null,
    ['left-behind', 'family-video', 'after-school', 'schoolbags'],
    true,
  ),
  s(
    'cq-green',
    '重庆市绿水青山生态保护协会',
    'social',
    null,
    ['reforestation', 'biodiversity', 'forest-patrol'],
    false,
  ),
  s(
    'cq-newfarmer',
    '重庆市新农人发展促进会',
    'social',
    null,
    ['new-farmers', 'leaders', 'one-village-one-dream', 'rice-fish'],
    true,
  ),
  s('cq-ecom', '重庆市电商助农服务中心', 'social', null, ['ecommerce', 'livestream-hosts', 'cold-chain'], false),
  s(
    'cq-health',
    '重庆市基层卫生发展促进会',
    'social',
    null,
    ['village-doctors', 'clinic', 'cataract', 'serious-illness'],
    true,
  ),
  s(
    'cq-social-work',
    '重庆市巴渝社会工作服务中心',
    'social',
    null,
    ['social-workers', 'time-bank', 'lonely-elders'],
    true,
  ),
  s('cq-disability', '重庆市阳光助残服务中心', 'social', null, ['assistive', 'rehab'], false),
  s('cq-crafts', '重庆市民族手工艺发展促进会', 'social', null, ['crafts'], true),
  s('cq-teachers', '重庆市乡村教师成长促进会', 'social', null, ['teacher-training', 'arts', 'science-lab'], true),
  s('cq-reading', '重庆市书香童年阅读推广中心', 'social', null, ['reading-corner', 'eye-care'], false),
  s('cq-women', '重庆市巾帼互助服务中心', 'social', null, ['mothers', 'housekeeping'], true),
  s('cq-youth', '重庆市青年返乡创业服务中心', 'social', null, ['youth-returning', 'homestay', 'vocational'], false),
  s('cq-mind', '重庆市心灵阳光心理服务中心', 'social', null, ['child-mental'], true),
  s('cq-nutrition', '重庆市营养健康促进会', 'social', null, ['breakfast', 'nutrition-pack'], false),
  s(
    'cq-village',
    '重庆市美丽乡村发展促进会',
    'social',
    null,
    ['courtyards', 'waste-sorting', 'toilets', 'solar-lights'],
    true,
  ),
  s('cq-mountain-farm', '重庆市山地特色农业协会', 'social', null, ['herbs', 'bees', 'goats', 'coop'], false),
  // City-wide volunteer groups
  s(
    'cq-volunteers',
    '重庆山城志愿者协会',
    'volunteer',
    null,
    ['lonely-elders', 'after-school', 'happy-home', 'smartphone'],
    true,
  ),
  s('cq-firstaid', '重庆市红心急救志愿服务队', 'volunteer', null, ['cardiac-arrest'], true),
  s('cq-river', '重庆市护河志愿者联合会', 'volunteer', null, ['river-guard'], true),
  s('cq-rescue', '重庆市山水应急救援志愿队', 'volunteer', null, ['anti-drowning', 'emergency'], false),
  s('cq-silver', '重庆市银龄志愿服务协会', 'volunteer', null, ['time-bank', 'smartphone', 'lonely-elders'], true),
  // District-based organisations
  s(
    'wz-sanxia',
    '万州区三峡志愿者协会',
    'volunteer',
    'wanzhou',
    ['river-guard', 'anti-drowning', 'lonely-elders', 'emergency', 'left-behind'],
    true,
  ),
  s(
    'qj-wuling',
    '黔江区武陵山公益服务中心',
    'social',
    'qianjiang',
    ['crafts', 'homestay', 'left-behind', 'elder-canteen', 'herbs'],
    true,
  ),
  s(
    'qj-health-house',
    '綦江区乡村自然健康服务中心',
    'social',
    'qijiang',
    ['health-house', 'cataract', 'home-care'],
    true,
  ),
  s(
    'qj-volunteers',
    '綦江区志愿者协会',
    'volunteer',
    'qijiang',
    ['dream-scholars', 'solar-lights', 'left-behind', 'anti-drowning'],
    true,
  ),
  s(
    'yy-women',
    '酉阳县乡村妇女发展协会',
    'social',
    'youyang',
    ['crafts', 'housekeeping', 'mothers', 'ecommerce'],
    true,
  ),
  s(
    'ck-dabashan',
    '城口县大巴山志愿者协会',
    'volunteer',
    'chengkou',
    ['bees', 'forest-patrol', 'dream-scholars', 'lonely-elders'],
    true,
  ),
  s(
    'wx-daning',
    '巫溪县大宁河生态保护协会',
    'social',
    'wuxi',
    ['river-guard', 'biodiversity', 'herbs', 'reforestation'],
    false,
  ),
  s(
    'fl-yangtze',
    '涪陵区长江志愿服务中心',
    'volunteer',
    'fuling',
    ['river-guard', 'emergency', 'waste-sorting', 'serious-illness'],
    true,
  ),
  s(
    'jj-study',
    '江津区爱心助学协会',
    'social',
    'jiangjin',
    ['dream-scholars', 'reading-corner', 'freshmen', 'after-school'],
    false,
  ),
  s(
    'hc-volunteers',
    '合川区钓鱼城志愿者协会',
    'volunteer',
    'hechuan',
    ['elder-canteen', 'happy-home', 'river-guard', 'smartphone'],
    true,
  ),
  s(
    'yc-chashan',
    '永川区茶山竹海生态志愿队',
    'volunteer',
    'yongchuan',
    ['reforestation', 'biodiversity', 'homestay', 'ecommerce'],
    false,
  ),
  s(
    'kz-hanfeng',
    '开州区汉丰湖志愿者协会',
    'volunteer',
    'kaizhou',
    ['left-behind', 'elder-canteen', 'waste-sorting', 'anti-drowning'],
    true,
  ),
  s(
    'nc-jinfo',
    '南川区金佛山公益服务中心',
    'social',
    'nanchuan',
    ['herbs', 'homestay', 'leaders', 'biodiversity'],
    true,
  ),
  s('sz-huaxi', '石柱县土家山寨发展促进会', 'social', 'shizhu', ['herbs', 'bees', 'leaders', 'dream-scholars'], true),
  s(
    'ps-miaozhai',
    '彭水县苗乡公益服务中心',
    'social',
    'pengshui',
    ['left-behind', 'lonely-elders', 'mothers', 'crafts'],
    false,
  ),
];

export const ORGS: SeedOrg[] = [FEDERATION, ...DISTRICT_CHARITIES, ...SOCIAL_ORGS];

export const ORG_BY_ID: Record<string, SeedOrg> = Object.fromEntries(ORGS.map((o) => [o.id, o]));
