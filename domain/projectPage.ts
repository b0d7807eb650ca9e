/**
 * What a project page shows besides its story, as 腾讯公益's project pages do: a budget whose items add up
 * to the target exactly, an execution plan, 善款去向 (how the money is used), and the organisation card with
 * the unified social credit code and the fundraising plan filing number (备案编号) Chinese law requires on
 * every online fundraising page. Pure and deterministic: the seed and the projects function share it.
 */

/** One budget line (fen); the lines of a project add up to its target. */
export interface BudgetItem {
  name: string;
  amountFen: number;
}

export interface ProjectOrgCard {
  /** The executing organisation's registered name. */
  registeredName: string;
  /** Its unified social credit code (统一社会信用代码, 18 characters with a valid check character). */
  creditCode: string;
  /** The public-fundraising organisation the online fundraising runs under (公募机构). */
  fundraisingOrg: string;
  fundraisingOrgCreditCode: string;
  /** The fundraising plan filing number (募捐方案备案编号). */
  filingNo: string;
}

const BP = 10_000;

/** Budget shares (basis points) of a project's target by domain: the last line takes the rounding rest. */
const BUDGETS: Record<string, Array<[string, number]>> = {
  产业帮扶: [
    ['种苗与生产物资', 5200],
    ['技术培训与指导', 2000],
    ['产品包装与销售对接', 1800],
    ['项目执行与监测', 1000],
  ],
  养老帮扶: [
    ['助餐与生活照料服务', 5000],
    ['适老化改造与设备', 2800],
    ['志愿者培训与探访', 1200],
    ['项目执行与监测', 1000],
  ],
  教育帮扶: [
    ['助学金与学习用品', 6000],
    ['课程与教师支持', 2200],
    ['活动组织与交通', 800],
    ['项目执行与监测', 1000],
  ],
  人才帮扶: [
    ['创业扶持金', 5500],
    ['技能培训课程', 2500],
    ['导师辅导与交流', 1000],
    ['项目执行与监测', 1000],
  ],
  儿童关爱帮扶: [
    ['儿童服务站运营', 4500],
    ['营养与健康物资', 2500],
    ['社工与志愿者服务', 2000],
    ['项目执行与监测', 1000],
  ],
  扶弱济困: [
    ['困难群众救助金', 6500],
    ['生活物资', 1800],
    ['走访与需求评估', 700],
    ['项目执行与监测', 1000],
  ],
  生态振兴: [
    ['设备采购与安装', 6000],
    ['村民培训与维护', 1500],
    ['环境监测与宣传', 1500],
    ['项目执行与监测', 1000],
  ],
};

/** The budget of a project: domain shares of its target, the last line taking the rest (sum = target). */
export function projectBudget(targetFen: number, domain: string): BudgetItem[] {
  const shares = BUDGETS[domain] ?? BUDGETS['扶弱济困'];
  const items = shares.map(([name, bp]) => ({ name, amountFen: Math.floor((targetFen * bp) / BP) }));
  const rest = targetFen - items.reduce((sum, i) => sum + i.amountFen, 0);
  items[items.length - 1].amountFen += rest;
  return items;
}

/** 善款去向: where each yuan goes, in the budget's own words (share of the target, whole percent). */
export function fundUse(budget: BudgetItem[]): Array<{ name: string; percent: number }> {
  const total = budget.reduce((sum, i) => sum + i.amountFen, 0) || 1;
  return budget.map((i) => ({ name: i.name, percent: Math.round((i.amountFen * 100) / total) }));
}

/** The execution plan: phases around the session (the project's own dates come with its updates). */
export function executionPlan(startDate: string): Array<{ phase: string; when: string; text: string }> {
  const [y, m] = startDate.split('-').map(Number);
  const month = (k: number) => {
    const mm = ((m - 1 + k) % 12) + 1;
    return `${y + Math.floor((m - 1 + k) / 12)}年${mm}月`;
  };
  return [
    { phase: '筹款', when: month(0), text: '专场期间线上筹款，公示筹款进度与善款来源' },
    { phase: '需求核实', when: month(1), text: '走访受益对象，核实需求并确定名单' },
    { phase: '项目执行', when: `${month(1)}–${month(5)}`, text: '按预算采购与服务，定期发布项目进展' },
    { phase: '结项公示', when: month(6), text: '发布结项报告与善款使用明细，接受捐赠人监督' },
  ];
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of a unified social credit code's first 17 characters (GB 32100-2015). */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_CHARS.indexOf(first17[i]) * CODE_WEIGHTS[i];
  return CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** A well-formed code for a seed organisation: 5 = civil affairs, 3 = social organisation, 500000 = Chongqing. */
export function creditCodeFor(key: string, kind: 'foundation' | 'social' = 'social'): string {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let body = '';
  for (let i = 0; i < 9; i++) {
    body += CODE_CHARS[h % 31];
    h = Math.imul(h ^ (i + 7), 2654435761) >>> 0;
  }
  const first17 = `5${kind === 'foundation' ? '3' : '1'}500000${body}`;
  return first17 + creditCodeCheck(first17);
}

/** 募捐方案备案编号 as 慈善中国 issues them: the fundraising organisation's code + year + serial. */
export function filingNoFor(fundraisingOrgCode: string, year: number, serial: number): string {
  return `${fundraisingOrgCode}A${String(year % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
}

export interface ProjectPageInfo {
  budget: BudgetItem[];
  plan: Array<{ phase: string; when: string; text: string }>;
  fundUse: Array<{ name: string; percent: number }>;
  orgCard: ProjectOrgCard;
}

/** Everything above for one project of a campaign (the campaign's organiser is the public-fundraising one). */
export function projectPageInfo(
  p: { _id: string; org: string; orgId: string; domain: string; targetFen: number },
  campaign: { organiser: string; startDate: string },
): ProjectPageInfo {
  const budget = projectBudget(p.targetFen, p.domain);
  const fundCode = creditCodeFor(campaign.organiser, 'foundation');
  const serial = Number(p._id.replace(/\D/g, '')) || 1;
  return {
    budget,
    plan: executionPlan(campaign.startDate),
    fundUse: fundUse(budget),
    orgCard: {
      registeredName: p.org,
      creditCode: p.org === campaign.organiser ? fundCode : creditCodeFor(p.orgId || p.org),
      fundraisingOrg: campaign.organiser,
      fundraisingOrgCreditCode: fundCode,
      filingNo: filingNoFor(fundCode, Number(campaign.startDate.slice(0, 4)), serial),
    },
  };
}
