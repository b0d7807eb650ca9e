/**
 * Organisations running the festival's projects. The three provincial bodies seed 003 names (湖北省慈善总会,
 * 湖北省青少年发展基金会, 湖北省红十字基金会), a charity federation per county (generic "<place>慈善总会"), and
 * invented social organisations and volunteer groups: illustrative names, no real organisation is implied.
 */
import type { HubeiDomain } from './themes';

export type HubeiOrgKind = 'provincial' | 'charity' | 'social' | 'volunteer';

export interface HubeiOrg {
  id: string;
  name: string;
  kind: HubeiOrgKind;
  /** A city (地级) name from districts.ts HUBEI_CITIES, or null for a province-wide organisation. */
  city: string | null;
  /** County id for a county charity federation. */
  countyId?: string;
  domains: HubeiDomain[];
}

const ALL: HubeiDomain[] = ['乡村振兴', '教育', '生态保护', '生命健康'];

export const HUBEI_CHARITY_FEDERATION: HubeiOrg = {
  id: 'hb-o-hbcf',
  name: '湖北省慈善总会',
  kind: 'provincial',
  city: null,
  domains: ALL,
};
export const HUBEI_YOUTH_FOUNDATION: HubeiOrg = {
  id: 'hb-o-hbydf',
  name: '湖北省青少年发展基金会',
  kind: 'provincial',
  city: null,
  domains: ['教育'],
};
export const HUBEI_RED_CROSS_FOUNDATION: HubeiOrg = {
  id: 'hb-o-hbrcf',
  name: '湖北省红十字基金会',
  kind: 'provincial',
  city: null,
  domains: ['生命健康'],
};

const o = (id: string, name: string, kind: HubeiOrgKind, city: string | null, domains: HubeiDomain[]): HubeiOrg => ({
  id: `hb-o-${id}`,
  name,
  kind,
  city,
  domains,
});

/** Invented (illustrative) social organisations and volunteer groups. */
export const HUBEI_SOCIAL_ORGS: HubeiOrg[] = [
  o('jc-elder', '湖北省荆楚为老服务促进会', 'social', null, ['乡村振兴', '生命健康']),
  o('jc-child', '湖北省乡村儿童成长促进会', 'social', null, ['教育', '生命健康']),
  o('jc-green', '湖北省千湖生态保护协会', 'social', null, ['生态保护']),
  o('jc-farm', '湖北省新农人发展促进会', 'social', null, ['乡村振兴']),
  o('jc-health', '湖北省基层卫生健康促进会', 'social', null, ['生命健康']),
  o('jc-volunteers', '湖北省楚天志愿服务联合会', 'volunteer', null, ALL),
  o('wh-community', '武汉市江城社区公益服务中心', 'social', '武汉市', ['乡村振兴', '生命健康', '教育']),
  o('wh-firstaid', '武汉市红心急救志愿服务队', 'volunteer', '武汉市', ['生命健康']),
  o('hs-volunteers', '黄石市矿冶志愿者协会', 'volunteer', '黄石市', ['生态保护', '乡村振兴']),
  o('sy-water', '十堰市汉江水源保护志愿者协会', 'volunteer', '十堰市', ['生态保护']),
  o('yc-sanxia', '宜昌市三峡公益服务中心', 'social', '宜昌市', ['乡村振兴', '教育', '生态保护']),
  o('xy-study', '襄阳市汉水助学服务中心', 'social', '襄阳市', ['教育']),
  o('ez-lake', '鄂州市梁子湖生态志愿队', 'volunteer', '鄂州市', ['生态保护']),
  o('jm-elder', '荆门市乡村助老服务中心', 'social', '荆门市', ['乡村振兴', '生命健康']),
  o('xg-filial', '孝感市孝善公益服务中心', 'social', '孝感市', ['乡村振兴', '教育']),
  o('jz-river', '荆州市长江护豚志愿者协会', 'volunteer', '荆州市', ['生态保护']),
  o('hg-dabie', '黄冈市大别山公益服务中心', 'social', '黄冈市', ['乡村振兴', '教育', '生命健康']),
  o('xn-bamboo', '咸宁市竹乡志愿服务协会', 'volunteer', '咸宁市', ['乡村振兴', '生态保护']),
  o('sz-yandi', '随州市炎帝故里公益服务中心', 'social', '随州市', ['乡村振兴', '教育']),
  o('es-women', '恩施州土家苗寨妇女发展协会', 'social', '恩施土家族苗族自治州', ['乡村振兴', '教育']),
  o('es-health', '恩施州山区健康服务中心', 'social', '恩施土家族苗族自治州', ['生命健康']),
  o('xt-volunteers', '仙桃市沔阳志愿者协会', 'volunteer', '仙桃市', ['乡村振兴', '生命健康']),
  o('qj-farm', '潜江市稻虾产业公益促进会', 'social', '潜江市', ['乡村振兴']),
  o('tm-study', '天门市陆羽助学会', 'social', '天门市', ['教育']),
  o('snj-nature', '神农架自然保护志愿者协会', 'volunteer', '神农架林区', ['生态保护', '教育']),
];
