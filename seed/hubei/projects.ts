/**
 * The festival's projects (seed 003: "more than 510"; we seed 516). Deterministic: a seeded rng places them, so the
 * same ids carry the same projects on every run. Rules the seed does not give are constants here:
 * - every county gets projects in turn (round robin), so all 17 cities and counties are covered;
 * - a slot takes the least-used theme that fits the county (ties broken by the rng), spreading themes evenly;
 * - about 88 % of the projects come from city and county organisations (seed 003; PROVINCIAL_SHARE);
 *   「希望工程1+1」 and 「心脏骤停身边救」 stay with their provincial foundations;
 * - no organiser top-up (HUBEI_2022.topup.ratioBp = 0), so no project is a top-up partner.
 */
import { seededRng, type Rng } from '../../domain/rng';
import { fill, type SeedProject } from '../projects';
import { HUBEI_COUNTIES, type HubeiCounty } from './districts';
import {
  HUBEI_CHARITY_FEDERATION,
  HUBEI_RED_CROSS_FOUNDATION,
  HUBEI_SOCIAL_ORGS,
  HUBEI_YOUTH_FOUNDATION,
  type HubeiOrg,
} from './orgs';
import { HUBEI_DOMAINS, HUBEI_THEMES, type HubeiDomain, type HubeiTheme } from './themes';

/** A Chongqing-shaped seed project in one of Hubei's domains, with the division (`city`) above its county. */
export interface HubeiSeedProject extends Omit<SeedProject, 'domain'> {
  /** County (or district) name, '湖北省' for a province-wide project; `city` is the division above it. */
  district: string;
  city: string;
  domain: HubeiDomain;
}

export const HUBEI_PROJECT_COUNT = 516;
/**
 * Chance that a non-brand project goes to a province-wide organisation: with the flagships and the two provincial
 * brands this leaves about 88 % of the projects to city and county organisations (seed 003).
 */
export const PROVINCIAL_SHARE = 0.1;
/** Themes that are a provincial foundation's own brand. */
const BRANDS: Record<string, HubeiOrg> = {
  'hope-1plus1': HUBEI_YOUTH_FOUNDATION,
  'cardiac-arrest': HUBEI_RED_CROSS_FOUNDATION,
};

/** County charity federations (generic names): one per county; the province-level cities' own. */
export const HUBEI_COUNTY_CHARITIES: HubeiOrg[] = HUBEI_COUNTIES.map((x) => ({
  id: `hb-o-${x.id}`,
  name: `${x.place === '神农架' ? '神农架林区' : x.place}慈善总会`,
  kind: 'charity' as const,
  city: x.city,
  countyId: x.id,
  domains: [...HUBEI_DOMAINS],
}));

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

/** The three flagship projects seed 003 names, first (hb001–hb003). */
const FLAGSHIPS: Array<
  Omit<HubeiSeedProject, 'id' | 'cover' | 'partner' | 'createdAt' | 'updates'> & { update: string }
> = [
  {
    title: '幸福家园·湖北村社互助计划',
    org: HUBEI_CHARITY_FEDERATION.name,
    orgId: HUBEI_CHARITY_FEDERATION.id,
    district: '湖北省',
    city: '湖北省',
    domain: '乡村振兴',
    targetFen: 200_000_000,
    summary: '为全省村（社区）设立专属慈善互助基金，村民和乡贤一起为家乡筹款，办最急需的民生实事。',
    story:
      '「幸福家园」村社互助项目于2018年9月上线，由湖北省慈善总会依托公开募捐资格和互联网公益平台，为每个村（社区）定制专属慈善互助基金。' +
      '村民自己提需求、议项目、管资金，在外乡贤和爱心人士一起为家乡筹款。恩施深山里的槐坦村就曾在这里为富硒红薯产业筹得启动资金，带动全村增收。',
    update: '本期首批村（社区）互助基金已完成备案，资金使用情况将在村务公开栏同步公示。',
  },
  {
    title: '希望工程1+1·湖北困难学生结对助学',
    org: HUBEI_YOUTH_FOUNDATION.name,
    orgId: HUBEI_YOUTH_FOUNDATION.id,
    district: '湖北省',
    city: '湖北省',
    domain: '教育',
    targetFen: 150_000_000,
    summary: '一位爱心人士结对一名湖北困难学生，持续资助其完成学业。',
    story:
      '「希望工程1+1」是湖北省青少年发展基金会的结对助学项目，三十多年来已帮助超过54万名学生继续学业。项目为家庭困难的中小学生和大学新生一对一对接稳定资助，资助款按学期发放。捐赠人可以收到孩子的成长书信和学习反馈。',
    update: '本学期结对学生名单已经学校和团组织核实，首批资助将在开学前发放。',
  },
  {
    title: '心脏骤停身边救·湖北公共场所AED配置',
    org: HUBEI_RED_CROSS_FOUNDATION.name,
    orgId: HUBEI_RED_CROSS_FOUNDATION.id,
    district: '湖北省',
    city: '湖北省',
    domain: '生命健康',
    targetFen: 100_000_000,
    summary: '在全省学校、车站、社区等人流密集处配置AED，培训身边的急救员，守住“黄金4分钟”。',
    story:
      '心脏骤停发生后，黄金抢救时间只有4分钟左右，身边人及时做心肺复苏并使用AED至关重要。' +
      '湖北省红十字基金会「心脏骤停身边救」项目在人流密集场所配置AED，并联合各级红十字会培训群众救护员。设备点位在地图上公开，紧急时可就近取用。',
    update: '首批AED点位已与场所管理方签订维护责任书，救护员培训班陆续开班。',
  },
];

function fits(theme: HubeiTheme, county: HubeiCounty): boolean {
  if (theme.only) return theme.only.includes(county.id);
  return !county.urban || !!theme.urban;
}

function pickOrg(rng: Rng, theme: HubeiTheme, county: HubeiCounty): HubeiOrg {
  const brand = BRANDS[theme.key];
  if (brand) return brand;
  const charity = HUBEI_COUNTY_CHARITIES.find((o) => o.countyId === county.id)!;
  if (theme.key === 'happy-home') return charity; // a village fund on 湖北省慈善总会's 「幸福家园」 platform
  const runs = (o: HubeiOrg) => o.domains.includes(theme.domain);
  if (rng() < PROVINCIAL_SHARE)
    return pick(rng, [HUBEI_CHARITY_FEDERATION, ...HUBEI_SOCIAL_ORGS.filter((o) => o.city === null && runs(o))]);
  const local = HUBEI_SOCIAL_ORGS.filter((o) => o.city === county.city && runs(o));
  return local.length > 0 && rng() < 0.4 ? pick(rng, local) : charity;
}

function build(): HubeiSeedProject[] {
  const rng = seededRng('hubei-2022/projects');
  const used = new Set<string>(); // theme|county|town
  const uses = new Map<string, number>();
  const out: HubeiSeedProject[] = [];
  const stamp = (i: number, update: string, org: HubeiOrg) => {
    // Listed 2022-04-25 .. 05-08, 09:00–17:59 Beijing; the second update a few days later, before the warm-up.
    const day = Math.floor(rng() * 14); // days after 04-25
    const date = new Date(Date.UTC(2022, 3, 25 + day, 9 - 8 + Math.floor(rng() * 9), Math.floor(rng() * 60)));
    const ymd = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const later = new Date(
      Math.min(date.getTime() + (1 + Math.floor(rng() * 3)) * 86_400_000, Date.UTC(2022, 4, 8, 8)),
    );
    return {
      id: `hb${pad(i + 1, 3)}`,
      partner: false,
      createdAt: date.toISOString(),
      updates: [
        { date: ymd(date), text: `项目由${org.name}发起并通过审核上线。` },
        { date: ymd(later), text: update },
      ],
    };
  };
  FLAGSHIPS.forEach(({ update, ...f }, i) => {
    const org = [HUBEI_CHARITY_FEDERATION, HUBEI_YOUTH_FOUNDATION, HUBEI_RED_CROSS_FOUNDATION][i];
    out.push({ ...f, ...stamp(i, update, org), cover: `cover-${HUBEI_DOMAINS.indexOf(f.domain)}` });
  });
  for (let i = out.length; i < HUBEI_PROJECT_COUNT; i++) {
    const county = HUBEI_COUNTIES[(i - FLAGSHIPS.length) % HUBEI_COUNTIES.length];
    const open = (t: HubeiTheme) =>
      fits(t, county) && county.towns.some((town) => !used.has(`${t.key}|${county.id}|${town}`));
    const candidates = HUBEI_THEMES.filter(open);
    const least = Math.min(...candidates.map((t) => uses.get(t.key) ?? 0));
    const theme = pick(
      rng,
      candidates.filter((t) => (uses.get(t.key) ?? 0) === least),
    );
    const town = pick(
      rng,
      county.towns.filter((x) => !used.has(`${theme.key}|${county.id}|${x}`)),
    );
    used.add(`${theme.key}|${county.id}|${town}`);
    uses.set(theme.key, least + 1);
    const org = pickOrg(rng, theme, county);
    const [lo, hi] = theme.n;
    const n = lo + Math.floor(rng() * (hi - lo + 1));
    const vars = { place: county.place, district: county.name, town, org: org.name, n };
    // Target: 5,000-yuan steps within the theme's range, clamped to 5万–200万 yuan (as in Chongqing).
    const [minWan, maxWan] = theme.targetWan;
    const yuan = Math.min(
      2_000_000,
      Math.max(50_000, minWan * 10_000 + Math.floor(rng() * ((maxWan - minWan) * 2 + 1)) * 5_000),
    );
    out.push({
      ...stamp(i, theme.update, org),
      title: fill(theme.title, vars),
      org: org.name,
      orgId: org.id,
      district: county.name,
      city: county.city,
      domain: theme.domain,
      targetFen: yuan * 100,
      cover: `cover-${HUBEI_DOMAINS.indexOf(theme.domain)}`,
      summary: fill(theme.summary, vars),
      story: fill(theme.story, vars),
    });
  }
  return out;
}

export const HUBEI_PROJECTS: HubeiSeedProject[] = build();

const ALL_ORGS = [
  HUBEI_CHARITY_FEDERATION,
  HUBEI_YOUTH_FOUNDATION,
  HUBEI_RED_CROSS_FOUNDATION,
  ...HUBEI_COUNTY_CHARITIES,
  ...HUBEI_SOCIAL_ORGS,
];
/** Organisations that run at least one project. */
export const HUBEI_ORGS: HubeiOrg[] = ALL_ORGS.filter((o) => HUBEI_PROJECTS.some((p) => p.orgId === o.id));
