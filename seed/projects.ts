import { DOMAINS, type Domain } from '../domain/api';
import { DISTRICTS, type SeedDistrict } from './districts';
import { DISTRICT_CHARITIES, FEDERATION, ORGS, SOCIAL_ORGS, type SeedOrg } from './orgs';
import { THEMES, type ProjectTheme } from './themes';

export { DISTRICTS, DISTRICT_BY_ID, type SeedDistrict } from './districts';
export { ORGS, ORG_BY_ID, FEDERATION, type SeedOrg, type OrgKind } from './orgs';
export { THEMES, type ProjectTheme } from './themes';

/**
 * The session's 300 projects. Built once at import by a fixed formula (no randomness): each of the 64 hand-written
 * themes is placed in several districts, one town each, so every title is distinct.
 */
export interface SeedProject {
  id: string;
  title: string;
  org: string;
  orgId: string;
  district: string;
  domain: Domain;
  targetFen: number;
  cover: string;
  summary: string;
  story: string;
  partner: boolean;
  /** ISO instant, between 2022-04-10 and 2022-04-26 (Beijing). */
  createdAt: string;
  updates: { date: string; text: string }[];
}

export const PROJECT_COUNT = 300;

/** `{name}` placeholders of a theme's text, filled per project (both campaigns' seeds use it). */
export const fill = (template: string, v: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_m, k: string) => String(v[k]));

/** Deterministic integer in 0..65535 from the project index (upper bits of a Knuth multiplicative hash). */
const mix = (i: number, salt: number): number =>
  Math.floor((((i + 1) * 2654435761 + salt * 2246822519) % 4294967296) / 65536);

const RURAL = DISTRICTS.filter((x) => !x.urban);

/**
 * First-round placements: the projects the campaign documents name (seed 001: 綦江区安稳镇), and the urban core
 * district's projects (渝中区 has streets, not villages, so only a few themes fit it).
 */
const PINNED: Record<string, { districtId: string; town: string }> = {
  'cardiac-arrest': { districtId: 'yuzhong', town: '解放碑街道' },
  smartphone: { districtId: 'yuzhong', town: '大坪街道' },
  'dream-scholars': { districtId: 'qijiang', town: '安稳镇' },
  'solar-lights': { districtId: 'qijiang', town: '安稳镇' },
  'health-house': { districtId: 'qijiang', town: '安稳镇' },
};

/** Theme i % 64 in round floor(i / 64) goes to a district by a fixed stride; never twice in one district. */
function pickDistrict(i: number, theme: ProjectTheme, used: Set<string>): SeedDistrict {
  const list = theme.urban ? DISTRICTS : RURAL;
  const tIndex = i % THEMES.length;
  const round = Math.floor(i / THEMES.length);
  const pin = round === 0 ? PINNED[theme.key] : undefined;
  if (pin) {
    used.add(`${theme.key}|${pin.districtId}`);
    return DISTRICTS.find((x) => x.id === pin.districtId)!;
  }
  const start = (tIndex * 5 + round * 9) % list.length;
  for (let step = 0; step < list.length; step++) {
    const cand = list[(start + step) % list.length];
    if (used.has(`${theme.key}|${cand.id}`)) continue;
    used.add(`${theme.key}|${cand.id}`);
    return cand;
  }
  throw new Error(`no district left for theme ${theme.key}`);
}

const charityOf = (district: SeedDistrict): SeedOrg => DISTRICT_CHARITIES.find((o) => o.districtId === district.id)!;

function pickOrg(i: number, theme: ProjectTheme, district: SeedDistrict): SeedOrg {
  if (i % 25 === 12) return FEDERATION;
  const runs = (o: SeedOrg) => o.themes.includes(theme.key);
  const local = SOCIAL_ORGS.filter((o) => o.districtId === district.id && runs(o));
  if (local.length > 0) return local[i % local.length];
  const citywide = SOCIAL_ORGS.filter((o) => o.districtId === null && runs(o));
  if (citywide.length > 0 && i % 5 < 2) return citywide[Math.floor(i / 5) % citywide.length];
  return charityOf(district);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

interface Placement {
  i: number;
  theme: ProjectTheme;
  district: SeedDistrict;
  town: string;
  org: SeedOrg;
}

function place(): Placement[] {
  const used = new Set<string>();
  const out: Placement[] = [];
  for (let i = 0; i < PROJECT_COUNT; i++) {
    const theme = THEMES[i % THEMES.length];
    const district = pickDistrict(i, theme, used);
    const pin = i < THEMES.length ? PINNED[theme.key] : undefined;
    const town = pin ? pin.town : district.towns[(i + Math.floor(i / THEMES.length)) % district.towns.length];
    out.push({ i, theme, district, town, org: pickOrg(i, theme, district) });
  }
  // Every organisation runs at least one project: an organisation left without one takes over the first fitting
  // project of an organisation that runs several, a district charity federation's first (same district for
  // district-based organisations).
  const count = (o: SeedOrg) => out.filter((x) => x.org === o).length;
  for (const org of [...DISTRICT_CHARITIES, ...SOCIAL_ORGS]) {
    if (count(org) > 0) continue;
    const fits = (x: Placement, strictTheme: boolean, fromCharity: boolean) =>
      (!fromCharity || x.org.kind === 'charity') &&
      count(x.org) > 1 &&
      (org.districtId === null || x.district.id === org.districtId) &&
      (org.themes.length === 0 ||
        (strictTheme ? org.themes.includes(x.theme.key) : org.domains.includes(x.theme.domain)));
    const target =
      out.find((x) => fits(x, true, true)) ??
      out.find((x) => fits(x, false, true)) ??
      out.find((x) => fits(x, true, false));
    if (!target) throw new Error(`no project for ${org.name}`);
    target.org = org;
  }
  return out;
}

function render({ i, theme, district, town, org }: Placement): SeedProject {
  const [lo, hi] = theme.n;
  const n = lo + (mix(i, 1) % (hi - lo + 1));
  const vars = { place: district.place, district: district.name, town, org: org.name, n };

  // Target: 5,000-yuan steps within the theme's range, clamped to 5万–200万 yuan.
  const [minWan, maxWan] = theme.targetWan;
  const steps = (maxWan - minWan) * 2;
  const yuan = Math.min(2_000_000, Math.max(50_000, minWan * 10_000 + (mix(i, 2) % (steps + 1)) * 5_000));

  // Created 2022-04-10 .. 2022-04-24, 09:00–17:59 Beijing.
  const day = 10 + (mix(i, 3) % 15);
  const hour = 9 + (mix(i, 4) % 9);
  const minute = mix(i, 5) % 60;
  const createdAt = new Date(Date.UTC(2022, 3, day, hour - 8, minute, 0)).toISOString();
  const updates = [
    { date: `2022-04-${pad(day)}`, text: `项目由${org.name}发起并通过审核上线。` },
    { date: `2022-04-${pad(Math.min(26, day + 1 + (mix(i, 6) % 3)))}`, text: theme.update },
  ];

  // Partner projects: run with the federation and topped up by it (about 60 %).
  const partner = org.partner && mix(i, 7) % 20 < 15;

  return {
    id: `p${pad(i + 1, 3)}`,
    title: fill(theme.title, vars),
    org: org.name,
    orgId: org.id,
    district: district.name,
    domain: theme.domain,
    targetFen: yuan * 100,
    cover: `cover-${DOMAINS.indexOf(theme.domain)}`,
    summary: fill(theme.summary, vars),
    story: fill(theme.story, vars),
    partner,
    createdAt,
    updates,
  };
}

export const PROJECTS: SeedProject[] = place().map(render);

export const PROJECT_BY_ID: Record<string, SeedProject> = Object.fromEntries(PROJECTS.map((p) => [p.id, p]));

/** Organisations that have at least one project. */
export const ACTIVE_ORGS: SeedOrg[] = ORGS.filter((o) => PROJECTS.some((p) => p.orgId === o.id));
