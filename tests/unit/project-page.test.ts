import { PROJECTS } from '../../seed';
import { CHONGQING_2022 } from '@domain/settings';
import { creditCodeCheck, creditCodeFor, projectBudget, projectPageInfo } from '@domain/projectPage';

describe('project page facts', () => {
  test('every seeded project has a budget that adds up to its target exactly', () => {
    for (const p of PROJECTS) {
      const budget = projectBudget(p.targetFen, p.domain);
      expect(budget.length).toBeGreaterThanOrEqual(3);
      expect(budget.reduce((sum, i) => sum + i.amountFen, 0)).toBe(p.targetFen);
      for (const i of budget) expect(i.amountFen).toBeGreaterThan(0);
    }
  });

  test('credit codes are 18 characters with a valid check character; a known code checks', () => {
    // A published code (GB 32100-2015 example form): the check character of its first 17.
    expect(creditCodeCheck('91350100M000100Y4')).toBe('3');
    for (const key of ['o-cqcf', 'o-a', 'o-b', '重庆市慈善总会']) {
      const code = creditCodeFor(key);
      expect(code).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      expect(creditCodeCheck(code.slice(0, 17))).toBe(code[17]);
    }
  });

  test('the org card names the public-fundraising organisation and a filing number', () => {
    const p = PROJECTS[0];
    const info = projectPageInfo({ _id: p.id, ...p }, CHONGQING_2022);
    expect(info.orgCard).toMatchObject({ registeredName: p.org, fundraisingOrg: '重庆市慈善总会' });
    expect(info.orgCard.filingNo).toMatch(/^[0-9A-Z]{18}A22\d{3}$/);
    expect(info.orgCard.filingNo.startsWith(info.orgCard.fundraisingOrgCreditCode)).toBe(true);
    expect(info.fundUse.reduce((s, f) => s + f.percent, 0)).toBeGreaterThanOrEqual(99);
    expect(info.plan.length).toBeGreaterThan(2);
  });
});
