/**
 * Settlement per organisation from the journal alone (so any export can be reproduced from the books):
 * what each organisation's projects received by source, what refunds took back, and the net owed.
 */
import type { SettlementRow, SourceTotals } from './api/admin';
import { accountOf, type Account, type JournalEntry } from './ledger';
import type { MoneySource } from './api';

const SOURCE_KEYS: MoneySource[] = ['public', 'match', 'sponsor', 'coupon', 'topup'];

/** A project account (structured, or a legacy `project:<id>:<source>` string) → its parts; null for any other. */
export function projectAccount(stored: Account | string): { projectId: string; source: MoneySource } | null {
  let a: Account;
  try {
    a = accountOf(stored);
  } catch {
    return null; // not an account this ledger knows: not a project's
  }
  return a.kind === 'project' ? { projectId: a.projectId, source: a.source } : null;
}

const zeroSources = (): SourceTotals => ({ public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0 });

/** Running settlement rows by organisation: add entries a page at a time, read the rows at the end. */
export class SettlementFold {
  private readonly rows = new Map<string, SettlementRow>();
  constructor(private readonly orgOf: ReadonlyMap<string, { orgId: string; org: string }>) {}

  add(e: Pick<JournalEntry, 'kind' | 'postings'>): void {
    for (const p of e.postings) {
      const acct = projectAccount(p.account);
      const org = acct && this.orgOf.get(acct.projectId);
      if (!acct || !org) continue;
      let row = this.rows.get(org.orgId);
      if (!row)
        this.rows.set(org.orgId, (row = { orgId: org.orgId, org: org.org, ...zeroSources(), refunds: 0, netFen: 0 }));
      // A refund reverses postings: all of its project postings are money going back.
      if (e.kind === 'refund') row.refunds -= p.amountFen;
      else row[acct.source] += p.amountFen;
      row.netFen += p.amountFen;
    }
  }

  result(): SettlementRow[] {
    return [...this.rows.values()].map((r) => ({ ...r })).sort((a, b) => a.orgId.localeCompare(b.orgId));
  }
}

export function settle(
  entries: Iterable<Pick<JournalEntry, 'kind' | 'postings'>>,
  orgOf: ReadonlyMap<string, { orgId: string; org: string }>,
): SettlementRow[] {
  const fold = new SettlementFold(orgOf);
  for (const e of entries) fold.add(e);
  return fold.result();
}

export function settlementTotals(rows: SettlementRow[]): Omit<SettlementRow, 'orgId' | 'org'> {
  const t = { ...zeroSources(), refunds: 0, netFen: 0 };
  for (const r of rows) {
    for (const k of SOURCE_KEYS) t[k] += r[k];
    t.refunds += r.refunds;
    t.netFen += r.netFen;
  }
  return t;
}

export const SETTLEMENT_HEADER = [
  '机构编号',
  '机构',
  '公众捐款(分)',
  '基金会配捐(分)',
  '企业步数捐(分)',
  '爱心券(分)',
  '配套资金(分)',
  '退款(分)',
  '应结算(分)',
];

export const settlementCells = (r: Omit<SettlementRow, 'orgId' | 'org'> & { orgId: string; org: string }) => [
  r.orgId,
  r.org,
  r.public,
  r.match,
  r.sponsor,
  r.coupon,
  r.topup,
  r.refunds,
  r.netFen,
];
