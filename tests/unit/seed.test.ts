import { DOMAINS } from '../../domain/api';
import { parseCampaign } from '../../domain/campaignSchema';
import { CHONGQING_2022, HUBEI_2022 } from '../../domain/campaigns';
import {
  ACTIVE_ORGS,
  COUPON_BATCHES,
  DISTRICTS,
  HUBEI_CITIES,
  HUBEI_COUNTIES,
  HUBEI_DRAFTS,
  HUBEI_ORGS,
  HUBEI_PROJECTS,
  HUBEI_QUIZ_BANK,
  HUBEI_SPONSORS,
  HUBEI_SPONSORS_TOTAL_FEN,
  ORGS,
  PROJECTS,
  QUIZ_BANK,
  SPONSORS,
  SPONSORS_TOTAL_FEN,
} from '../../seed';
import { APP_CONFIG, seedDocuments, seedFileId } from '../../scripts/seed-docs';
import { PHOTO_HEIGHT, PHOTO_WIDTH, seedPhotos } from '../../scripts/seed-photos';
import { C } from '../../cloudfunctions/_lib/collections';

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
    for (const kw of [
      '9月5日',
      '公开募捐资格',
      '捐赠票据',
      '五大振兴',
      '2018年中央一号文件',
      '共同富裕',
      '第三次分配',
      '99公益日',
      '小红花',
      '4分钟',
      'AED',
      '5～6厘米',
      '100～120次',
      '海姆立克',
      '溺水',
      '诈骗',
    ]) {
      expect(text).toContain(kw);
    }
  });
});

describe('seed: the Hubei festival (seed 003)', () => {
  const domainIds = HUBEI_2022.domains.map((d) => d.id);

  it('has 516 projects (510+) with ids hb001..hb516, distinct titles, none shared with Chongqing', () => {
    expect(HUBEI_PROJECTS.length).toBeGreaterThanOrEqual(500);
    expect(HUBEI_PROJECTS).toHaveLength(516);
    HUBEI_PROJECTS.forEach((p, i) => expect(p.id).toBe(`hb${String(i + 1).padStart(3, '0')}`));
    expect(new Set(HUBEI_PROJECTS.map((p) => p.title)).size).toBe(516);
    const cq = new Set(PROJECTS.map((p) => p.id));
    expect(HUBEI_PROJECTS.some((p) => cq.has(p.id))).toBe(false);
  });

  it('includes the three projects seed 003 names, run by their organisations', () => {
    const named: Array<[string, string]> = [
      ['幸福家园', '湖北省慈善总会'],
      ['希望工程1+1', '湖北省青少年发展基金会'],
      ['心脏骤停身边救', '湖北省红十字基金会'],
    ];
    for (const [brand, org] of named) {
      expect(HUBEI_PROJECTS.some((p) => p.title.startsWith(brand) && p.org === org)).toBe(true);
    }
  });

  it('files every project under one of the campaign domains, all four used, covers by domain', () => {
    for (const p of HUBEI_PROJECTS) {
      expect(domainIds).toContain(p.domain);
      expect(p.cover).toBe(`cover-${domainIds.indexOf(p.domain)}`);
    }
    expect(new Set(HUBEI_PROJECTS.map((p) => p.domain)).size).toBe(4);
  });

  it('comes from all 17 divisions of Hubei, from real counties', () => {
    expect(HUBEI_CITIES).toHaveLength(17);
    expect(new Set(HUBEI_PROJECTS.map((p) => p.city).filter((c) => c !== '湖北省'))).toEqual(new Set(HUBEI_CITIES));
    const counties = new Set([...HUBEI_COUNTIES.map((c) => c.name), '湖北省']);
    for (const p of HUBEI_PROJECTS) expect(counties.has(p.district)).toBe(true);
  });

  it('has about 88 % of projects from city and county organisations, every org known by id and name', () => {
    const byId = new Map(HUBEI_ORGS.map((o) => [o.id, o]));
    for (const p of HUBEI_PROJECTS) expect(byId.get(p.orgId)?.name).toBe(p.org);
    const local = HUBEI_PROJECTS.filter((p) => byId.get(p.orgId)!.city !== null).length / HUBEI_PROJECTS.length;
    expect(local).toBeGreaterThan(0.85);
    expect(local).toBeLessThan(0.91);
  });

  it('has integer fen targets of 5万–200万 yuan, filled texts and dates before the warm-up', () => {
    const from = Date.parse('2022-04-25T00:00:00+08:00');
    const warmup = Date.parse(`${HUBEI_2022.warmupStartDate}T00:00:00+08:00`);
    for (const p of HUBEI_PROJECTS) {
      expect(isInt(p.targetFen)).toBe(true);
      expect(p.targetFen).toBeGreaterThanOrEqual(5_000_000);
      expect(p.targetFen).toBeLessThanOrEqual(200_000_000);
      expect(p.partner).toBe(false); // no organiser top-up in Hubei (ratio 0)
      for (const t of [p.title, p.summary, p.story]) expect(t).not.toMatch(/\{\w+\}|重庆|渝/);
      const sentences = p.story.split(/[。！？]/).filter((x) => x.trim().length > 0);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
      const t = Date.parse(p.createdAt);
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThan(warmup);
      for (const u of p.updates) expect(u.date < HUBEI_2022.warmupStartDate!).toBe(true);
    }
  });

  it('is deterministic', () => {
    jest.isolateModules(() => {
      const again = require('../../seed/hubei/projects') as typeof import('../../seed/hubei/projects');
      expect(again.HUBEI_PROJECTS).toEqual(HUBEI_PROJECTS);
    });
  });

  it('has illustrative step sponsors whose pledges sum to the chosen total', () => {
    expect(HUBEI_SPONSORS.length).toBeGreaterThan(0);
    expect(new Set(HUBEI_SPONSORS.map((s) => s.id)).size).toBe(HUBEI_SPONSORS.length);
    for (const s of HUBEI_SPONSORS) {
      expect(s.id).toMatch(/^hs\d{2}$/);
      expect(s.name).toContain('（示例）');
      expect(isInt(s.pledgedFen) && s.pledgedFen > 0).toBe(true);
    }
    expect(HUBEI_SPONSORS.reduce((sum, s) => sum + s.pledgedFen, 0)).toBe(HUBEI_SPONSORS_TOTAL_FEN);
  });

  it('has a quiz bank of reused generic questions and 20+ on the festival and Hubei, none about Chongqing', () => {
    expect(HUBEI_DRAFTS.length).toBeGreaterThanOrEqual(20);
    expect(HUBEI_QUIZ_BANK.length).toBeGreaterThanOrEqual(72);
    expect(new Set(HUBEI_QUIZ_BANK.map((q) => q.id)).size).toBe(HUBEI_QUIZ_BANK.length);
    expect(new Set(HUBEI_QUIZ_BANK.map((q) => q.text)).size).toBe(HUBEI_QUIZ_BANK.length);
    const cq = new Set(QUIZ_BANK.map((q) => q.id));
    for (const q of HUBEI_QUIZ_BANK) {
      expect(cq.has(q.id)).toBe(false);
      expect(q.options).toHaveLength(4);
      expect(new Set(q.options).size).toBe(4);
      expect(q.text + q.options.join('') + q.explanation).not.toMatch(/重庆|渝/);
    }
    const share = (k: number) => HUBEI_QUIZ_BANK.filter((q) => q.answer === k).length / HUBEI_QUIZ_BANK.length;
    for (let k = 0; k < 4; k++) expect(share(k)).toBeLessThan(0.4);
    const text = HUBEI_QUIZ_BANK.map((q) => q.text + q.options.join('') + q.explanation).join('\n');
    for (const kw of ['5月20日', '2000万元', '小红花', '6000步', '幸福家园', '希望工程1+1', '心脏骤停身边救'])
      expect(text).toContain(kw);
  });
});

describe('seed documents', () => {
  const docs = seedDocuments();

  it('stores both campaigns, each passing the campaign schema', () => {
    const campaigns = docs.campaigns.map(({ _id, ...rest }) => parseCampaign({ ...rest, id: _id }));
    expect(campaigns).toEqual([CHONGQING_2022, HUBEI_2022]);
  });

  it('tags every campaign-owned document with its campaign and keeps Chongqing ids', () => {
    for (const coll of ['projects', 'sponsors', 'quiz_bank', 'coupon_batches']) {
      for (const d of docs[coll]) expect(d.campaignId).toBe(/^(hb|hq|hs)/.test(d._id) ? 'hubei-2022' : 'cq2022');
      expect(new Set(docs[coll].map((d) => d._id)).size).toBe(docs[coll].length);
    }
    expect(docs.projects.filter((d) => d.campaignId === 'cq2022').map((d) => d._id)).toEqual(PROJECTS.map((p) => p.id));
    expect(docs.projects).toHaveLength(300 + 516);
    expect(docs.coupon_batches.every((b) => b.campaignId === 'cq2022')).toBe(true);
  });

  it('opens the app on Chongqing by default, and seeds one campaign alone on request', () => {
    expect(docs[APP_CONFIG]).toEqual([{ _id: 'default', campaignId: 'cq2022' }]);
    const cqOnly = seedDocuments(['cq2022']);
    expect(cqOnly.campaigns.map((c) => c._id)).toEqual(['cq2022']);
    expect(cqOnly.projects).toHaveLength(300);
    expect(() => seedDocuments(['nowhere'])).toThrow(/no seed for campaign nowhere/);
  });
});

describe('seed photos', () => {
  const list = seedPhotos();

  it('draws a few dozen distinct small PNGs, the same bytes every run', () => {
    expect(list.length).toBeGreaterThanOrEqual(20);
    expect(list.length).toBeLessThanOrEqual(40);
    expect(new Set(list.map((p) => p.path)).size).toBe(list.length);
    expect(new Set(list.map((p) => p.bytes.toString('base64'))).size).toBe(list.length);
    for (const { bytes } of list) {
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([PHOTO_WIDTH, PHOTO_HEIGHT]);
      expect(bytes.length).toBeLessThanOrEqual(10 * 1024);
    }
    expect(seedPhotos()[0].bytes.equals(list[0].bytes)).toBe(true);
  });

  it('gives every seeded project three photos, all of them drawn images, neighbours starting differently', () => {
    const paths = new Set(list.map((p) => seedFileId(p.path)));
    const projects = seedDocuments()[C.projects] as Array<{ _id: string; photos: string[] }>;
    expect(projects.length).toBe(300 + HUBEI_PROJECTS.length);
    for (const p of projects) {
      expect(p.photos).toHaveLength(3);
      for (const id of p.photos) expect(paths.has(id)).toBe(true);
    }
    expect(new Set(projects.slice(0, 20).map((p) => p.photos[0])).size).toBeGreaterThan(5);
  });
});
