import { DOMAINS } from '../../domain/api';
import {
  ACTIVE_ORGS,
  COUPON_BATCHES,
  DISTRICTS,
  ORGS,
  PROJECTS,
  QUIZ_BANK,
  SPONSORS,
  SPONSORS_TOTAL_FEN,
} from '../../seed';

const isInt = (n: number) => Number.isSafeInteger(n);

describe('seed projects', () => {
  it('has exactly 300 projects with stable ids p001..p300', () => {
    expect(PROJECTS).toHaveLength(300);
    PROJECTS.forEach((p, i) => expect(p.id).toBe(`p${String(i + 1).padStart(3, '0')}`));
    expect(new Set(PROJECTS.map((p) => p.id)).size).toBe(300);
  });

  it('has distinct, non-empty titles', () => {
    expect(new Set(PROJECTS.map((p) => p.title)).size).toBe(300);
    for (const p of PROJECTS) expect(p.title.length).toBeGreaterThan(4);
  });

  it('covers all 7 domains', () => {
    const domains = new Set(PROJECTS.map((p) => p.domain));
    expect(domains.size).toBe(7);
    for (const d of DOMAINS) expect(domains.has(d)).toBe(true);
  });

  it('spans at least 30 districts, all of them real Chongqing districts', () => {
    const names = new Set(DISTRICTS.map((d) => d.name));
    expect(DISTRICTS).toHaveLength(38);
    const used = new Set(PROJECTS.map((p) => p.district));
    expect(used.size).toBeGreaterThanOrEqual(30);
    for (const d of used) expect(names.has(d)).toBe(true);
  });

  it('has 54–94 organisations, including the federation and district charity federations, all running projects', () => {
    expect(ORGS.length).toBeGreaterThanOrEqual(54);
    expect(ORGS.length).toBeLessThanOrEqual(94);
    expect(new Set(ORGS.map((o) => o.id)).size).toBe(ORGS.length);
    expect(new Set(ORGS.map((o) => o.name)).size).toBe(ORGS.length);
    expect(ORGS.some((o) => o.name === '重庆市慈善总会')).toBe(true);
    expect(ORGS.some((o) => o.name === '綦江区慈善会')).toBe(true);
    expect(ACTIVE_ORGS.length).toBeGreaterThanOrEqual(54);
    const byId = new Map(ORGS.map((o) => [o.id, o]));
    for (const p of PROJECTS) expect(byId.get(p.orgId)?.name).toBe(p.org);
  });

  it('uses integer fen targets between 5万 and 200万 yuan', () => {
    for (const p of PROJECTS) {
      expect(isInt(p.targetFen)).toBe(true);
      expect(p.targetFen).toBeGreaterThanOrEqual(5_000_000);
      expect(p.targetFen).toBeLessThanOrEqual(200_000_000);
    }
  });

  it('has covers, stories, createdAt and updates in range', () => {
    const from = Date.parse('2022-04-10T00:00:00+08:00');
    const to = Date.parse('2022-04-27T00:00:00+08:00');
    for (const p of PROJECTS) {
      expect(p.cover).toBe(`cover-${DOMAINS.indexOf(p.domain)}`);
      const sentences = p.story.split(/[。！？]/).filter((x) => x.trim().length > 0);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
      expect(p.story).not.toMatch(/\{\w+\}/);
      expect(p.summary).not.toMatch(/\{\w+\}/);
      const t = Date.parse(p.createdAt);
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThan(to);
      expect(p.updates.length).toBeGreaterThan(0);
      for (const u of p.updates) {
        expect(u.date).toMatch(/^2022-04-(1\d|2[0-6])$/);
        expect(u.text.length).toBeGreaterThan(0);
      }
    }
  });

  it('marks roughly 60 % as federation partner projects', () => {
    const share = PROJECTS.filter((p) => p.partner).length / PROJECTS.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.7);
  });

  it('is deterministic', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const again = require('../../seed/projects') as typeof import('../../seed/projects');
      expect(again.PROJECTS).toEqual(PROJECTS);
    });
  });
});

describe('seed sponsors', () => {
  it('has 41 enterprises whose pledges sum exactly to 22,430,000 yuan', () => {
    expect(SPONSORS).toHaveLength(41);
    expect(new Set(SPONSORS.map((s) => s.id)).size).toBe(41);
    expect(new Set(SPONSORS.map((s) => s.name)).size).toBe(41);
    for (const s of SPONSORS) {
      expect(isInt(s.pledgedFen)).toBe(true);
      expect(s.pledgedFen).toBeGreaterThan(0);
    }
    const total = SPONSORS.reduce((sum, s) => sum + s.pledgedFen, 0);
    expect(total).toBe(2_243_000_000);
    expect(SPONSORS_TOTAL_FEN).toBe(2_243_000_000);
  });
});

describe('seed coupons', () => {
  const ids = new Set(PROJECTS.map((p) => p.id));

  it('has 5 issuers including 大米先生 and 乡村基', () => {
    const issuers = new Set(COUPON_BATCHES.map((b) => b.issuer));
    expect(issuers.size).toBe(5);
    expect(issuers.has('大米先生')).toBe(true);
    expect(issuers.has('乡村基')).toBe(true);
  });

  it('covers exactly 39 distinct existing projects', () => {
    const covered = new Set(COUPON_BATCHES.flatMap((b) => b.projectIds));
    expect(covered.size).toBe(39);
    for (const id of covered) expect(ids.has(id)).toBe(true);
  });

  it('has values of 1–10 yuan, positive counts and validity inside 2022-04-27..29 Beijing', () => {
    const open = Date.parse('2022-04-27T00:00:00+08:00');
    const close = Date.parse('2022-04-30T00:00:00+08:00');
    expect(new Set(COUPON_BATCHES.map((b) => b.id)).size).toBe(COUPON_BATCHES.length);
    for (const b of COUPON_BATCHES) {
      expect(isInt(b.valueFen)).toBe(true);
      expect(b.valueFen).toBeGreaterThanOrEqual(100);
      expect(b.valueFen).toBeLessThanOrEqual(1000);
      expect(isInt(b.count)).toBe(true);
      expect(b.count).toBeGreaterThan(0);
      expect(b.validFrom).toMatch(/\+08:00$/);
      expect(b.validTo).toMatch(/\+08:00$/);
      const from = Date.parse(b.validFrom);
      const to = Date.parse(b.validTo);
      expect(from).toBeGreaterThanOrEqual(open);
      expect(to).toBeLessThan(close);
      expect(from).toBeLessThan(to);
    }
  });
});

describe('seed quiz', () => {
  it('has at least 72 questions with unique ids and texts', () => {
    expect(QUIZ_BANK.length).toBeGreaterThanOrEqual(72);
    expect(new Set(QUIZ_BANK.map((q) => q.id)).size).toBe(QUIZ_BANK.length);
    expect(new Set(QUIZ_BANK.map((q) => q.text)).size).toBe(QUIZ_BANK.length);
  });

  it('has 4 distinct options, a valid answer index and an explanation per question', () => {
    for (const q of QUIZ_BANK) {
      expect(q.options).toHaveLength(4);
      expect(new Set(q.options).size).toBe(4);
      expect(Number.isInteger(q.answer)).toBe(true);
      expect(q.answer).toBeGreaterThanOrEqual(0);
      expect(q.answer).toBeLessThan(4);
      expect(q.explanation.length).toBeGreaterThan(5);
      expect(q.topic.length).toBeGreaterThan(0);
    }
  });

  it('does not put every answer in the same position', () => {
    const positions = new Set(QUIZ_BANK.map((q) => q.answer));
    expect(positions.size).toBeGreaterThan(1);
    for (let k = 0; k < 4; k++) {
      const share = QUIZ_BANK.filter((q) => q.answer === k).length / QUIZ_BANK.length;
      expect(share).toBeLessThan(0.4);
    }
  });

  it('covers the required topics', () => {
    const text = QUIZ_BANK.map((q) => q.text + q.options.join('') + q.explanation).join('\n');
    for (const kw of ['9月5日', '公开募捐资格', '捐赠票据', '五大振兴', '2018年中央一号文件', '共同富裕', '第三次分配',
      '99公益日', '小红花', '4分钟', 'AED', '5～6厘米', '100～120次', '海姆立克', '溺水', '诈骗']) {
      expect(text).toContain(kw);
    }
  });
});
