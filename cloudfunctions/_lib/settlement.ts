/**
 * Finance exports, each rebuilt from the journal (read a page at a time by cursor) or the reconcile run at the
 * time asked and written to
 * cloud storage as .xlsx or .csv, downloaded through a temporary link. Every export is in the audit log.
 */
import type { AdminExportResult, AdminSettlementResult } from '../../domain/api/admin';
import { accountKey, type JournalEntry } from '../../domain/ledger';
import {
  projectAccount,
  SettlementFold,
  SETTLEMENT_HEADER,
  settlementCells,
  settlementTotals,
} from '../../domain/settlement';
import { audit, type Auditor } from './audit';
import { db, pages, readAll } from './cloud';
import { settingsOf } from './campaign';
import { C, type ProjectDoc } from './collections';
import { writeFile } from './files';
import { runReconcile } from './reconcile';
import { render, type Cell } from './sheets';

type Format = 'csv' | 'xlsx';

async function orgsOf(campaignId: string): Promise<Map<string, { orgId: string; org: string }>> {
  const projects = await readAll<ProjectDoc>(C.projects, { campaignId });
  return new Map(projects.map((p) => [p._id, { orgId: p.orgId, org: p.org }]));
}

/**
 * The journal (of one Beijing day when given) a page at a time by entry id (index `day, _id` / `_id`): the same
 * books give the same file, and no export holds more than one page of entries.
 */
const journal = (day?: string) => pages<JournalEntry>(C.journal, day ? { day } : {});

async function save(
  kind: string,
  format: Format,
  name: string,
  rows: Cell[][],
  nowMs: number,
): Promise<{ fileID: string; tempFileURL: string }> {
  return writeFile(`exports/${kind}/${name}-${nowMs}.${format}`, render(format, kind, rows));
}

export async function exportSettlement(
  actor: Auditor,
  input: { campaignId: string; format: Format; day?: string },
  nowMs: number,
): Promise<AdminSettlementResult> {
  await settingsOf(input.campaignId); // NOT_FOUND for an unknown campaign
  const fold = new SettlementFold(await orgsOf(input.campaignId));
  for await (const page of journal(input.day)) for (const e of page) fold.add(e);
  const settlement = fold.result();
  const totals = settlementTotals(settlement);
  const rows: Cell[][] = [
    SETTLEMENT_HEADER,
    ...settlement.map(settlementCells),
    settlementCells({ orgId: '合计', org: input.day ?? '全场', ...totals }),
  ];
  const file = await save('settlement', input.format, `${input.campaignId}-${input.day ?? 'all'}`, rows, nowMs);
  await audit(
    db(),
    actor,
    'exportSettlement',
    `campaign:${input.campaignId}`,
    null,
    { ...file, day: input.day ?? null, totals },
    nowMs,
  );
  return { ...file, rows: settlement.length, settlement, totals };
}

export async function exportLedger(
  actor: Auditor,
  input: { campaignId: string; format: Format },
  nowMs: number,
): Promise<AdminExportResult> {
  const orgs = await orgsOf(input.campaignId);
  const rows: Cell[][] = [['entryId', 'kind', 'day', 'at', 'projectId', 'orgId', 'account', 'amountFen', 'reverses']];
  // The file holds every posting (cells only); the entries themselves are read and dropped a page at a time.
  for await (const page of journal())
    for (const e of page) {
      if (!orgs.has(e.projectId)) continue;
      for (const p of e.postings) {
        const orgId = orgs.get(projectAccount(p.account)?.projectId ?? e.projectId)?.orgId ?? '';
        const account = accountKey(p.account);
        rows.push([e._id, e.kind, e.day, e.at, e.projectId, orgId, account, p.amountFen, e.reverses ?? '']);
      }
    }
  const file = await save('ledger', input.format, input.campaignId, rows, nowMs);
  await audit(
    db(),
    actor,
    'exportLedger',
    `campaign:${input.campaignId}`,
    null,
    { ...file, rows: rows.length - 1 },
    nowMs,
  );
  return { ...file, rows: rows.length - 1 };
}

export async function exportReconcile(
  actor: Auditor,
  input: { format: Format },
  nowMs: number,
): Promise<AdminExportResult> {
  const r = await runReconcile();
  const rows: Cell[][] = [
    ['kind', 'item', 'value'],
    ['ok', '', r.ok ? 'true' : 'false'],
    ...Object.entries(r.checked).map(([k, v]): Cell[] => ['checked', k, v]),
    ...r.problems.map((p): Cell[] => ['problem', p, '']),
    ...r.pending.map((p): Cell[] => ['pending', p, '']),
  ];
  const file = await save('reconcile', input.format, 'reconcile', rows, nowMs);
  await audit(db(), actor, 'exportReconcile', 'books', null, { ...file, ok: r.ok, problems: r.problems.length }, nowMs);
  return { ...file, rows: rows.length - 1 };
}
