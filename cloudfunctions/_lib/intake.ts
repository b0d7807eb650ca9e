/**
 * Project intake and review: import a sheet of projects (each row all or nothing, re-runs idempotent),
 * review them (only approved ones reach donors), organisation staff edit drafts and post progress updates.
 * Each change and its audit entry are one transaction.
 */
import type {
  AdminImportResult,
  ConsoleDraft,
  ConsoleProject,
  ConsoleProjectStatus,
  ImportRejection,
} from '../../domain/api/admin';
import { DomainError, ErrorCode } from '../../domain/errors';
import {
  checkHeader,
  checkRow,
  INTAKE_COLUMNS,
  INTAKE_MAX_ROWS,
  intakeExample,
  DRAFT_FIELDS,
  type DraftPatch,
  type IntakeRow,
} from '../../domain/intake';
import { beijingDate } from '../../domain/time';
import { audit, type Auditor } from './audit';
import { db, readAll } from './cloud';
import { settingsOf } from './campaign';
import { C, type ProjectDoc } from './collections';
import { readFile, tempURL, writeFile } from './files';
import { requireOrgScope, type OperatorDoc } from './operators';
import { readSheet, render } from './sheets';
import { isImageSafe, isTextSafe } from './security';

type Project = ProjectDoc & { campaignId: string };

/** Updates kept on a project (the newest; older ones stay in the audit log). */
export const UPDATES_KEPT = 50;

export const consoleProject = (p: Project): ConsoleProject => ({
  id: p._id,
  title: p.title,
  org: p.org,
  orgId: p.orgId,
  district: p.district,
  domain: p.domain,
  targetFen: p.targetFen,
  status: p.status as ConsoleProjectStatus,
  reviewReason: p.reviewReason ?? null,
  updates: p.updates?.length ?? 0,
});

const actorOf = (op: OperatorDoc): Auditor => ({ openid: op._id, role: op.role });

/** The fields a row sets: a re-run of the same row changes nothing. */
const rowFields = (r: IntakeRow) => ({
  title: r.title,
  org: r.org,
  orgId: r.orgId,
  district: r.district,
  domain: r.domain,
  targetFen: r.targetFen,
  cover: r.cover,
  summary: r.summary,
  story: r.story,
  partner: r.partner,
});
const sameFields = (p: Project, r: IntakeRow) =>
  Object.entries(rowFields(r)).every(([k, v]) => (p as unknown as Record<string, unknown>)[k] === v);

/** Write one good row (insert, or refresh a still-pending draft); the reason when the store refuses it. */
async function writeRow(op: OperatorDoc, campaignId: string, r: IntakeRow, nowMs: number): Promise<string | null> {
  return db().runTransaction(async (tx) => {
    const ref = tx.collection(C.projects).doc(r.id);
    const prev = (await ref.get()).data as Project | null;
    if (prev) {
      if (prev.campaignId !== campaignId) return `id: 项目编号 ${r.id} 已被其他活动使用`;
      if (sameFields(prev, r)) return null; // a re-run: nothing to do
      if (prev.status !== 'pending' && prev.status !== 'returned') return `id: 项目 ${r.id} 已审核，不能通过导入修改`;
      requireOrgScope(op, prev.orgId);
      await ref.update({ data: { ...rowFields(r), status: 'pending' } });
      await audit(tx, actorOf(op), 'importProjects', `project:${r.id}`, prev, rowFields(r), nowMs);
      return null;
    }
    const doc: Omit<Project, '_id'> = {
      campaignId,
      ...rowFields(r),
      status: 'pending',
      reviewReason: null,
      createdAt: new Date(nowMs).toISOString(),
      updates: [],
    };
    await ref.set({ data: doc });
    await audit(tx, actorOf(op), 'importProjects', `project:${r.id}`, null, doc, nowMs);
    return null;
  });
}

export async function importProjects(
  op: OperatorDoc,
  input: { campaignId: string; fileID: string },
  nowMs: number,
): Promise<AdminImportResult> {
  const settings = await settingsOf(input.campaignId);
  const rows = readSheet(await readFile(input.fileID), input.fileID);
  if (rows.length < 1) throw new DomainError(ErrorCode.INVALID_INPUT, 'fileID: 表格为空');
  const header = rows[0].map((h) => h.trim());
  const bad = checkHeader(header);
  if (bad) throw new DomainError(ErrorCode.INVALID_INPUT, `fileID: ${bad}`);
  if (rows.length - 1 > INTAKE_MAX_ROWS)
    throw new DomainError(ErrorCode.INVALID_INPUT, `fileID: 一次最多导入 ${INTAKE_MAX_ROWS} 行`);
  const domains = new Set(settings.domains.map((d) => d.id));
  const seen = new Set<string>();
  const rejected: ImportRejection[] = [];
  const projectIds: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = Object.fromEntries(INTAKE_COLUMNS.map((c) => [c, rows[i][header.indexOf(c)] ?? '']));
    const verdict = checkRow(cells, domains, seen);
    if (!verdict.ok) {
      rejected.push({ row: i, reason: verdict.reason });
      continue;
    }
    if (op.role === 'org' && verdict.row.orgId !== op.orgId) {
      rejected.push({ row: i, reason: 'orgId: 只能导入本机构的项目' });
      continue;
    }
    const refused = await writeRow(op, input.campaignId, verdict.row, nowMs).catch((err: unknown) => {
      if (err instanceof DomainError) return err.message;
      throw err;
    });
    if (refused) rejected.push({ row: i, reason: refused });
    else projectIds.push(verdict.row.id);
  }
  return { imported: projectIds.length, rejected, projectIds };
}

export async function listProjects(
  op: OperatorDoc,
  input: { campaignId: string; status?: ConsoleProjectStatus; cursor?: string; limit?: number },
): Promise<{ items: ConsoleProject[]; nextCursor: string | null; total: number }> {
  const where: Record<string, unknown> = { campaignId: input.campaignId };
  if (input.status) where.status = input.status;
  if (op.role === 'org') where.orgId = op.orgId;
  const all = (await readAll<Project>(C.projects, where)).map(consoleProject);
  const start = Number(input.cursor ?? 0);
  const items = all.slice(start, start + (input.limit ?? 50));
  const next = start + items.length;
  return { items, nextCursor: next < all.length ? String(next) : null, total: all.length };
}

type Decision = 'approve' | 'return' | 'pause' | 'close';
/** Which states each decision may start from, and where it leads. */
const DECISIONS: Record<Decision, { from: ConsoleProjectStatus[]; to: ConsoleProjectStatus; needsReason: boolean }> = {
  approve: { from: ['pending', 'returned', 'paused'], to: 'fundraising', needsReason: false },
  return: { from: ['pending'], to: 'returned', needsReason: true },
  pause: { from: ['fundraising'], to: 'paused', needsReason: true },
  close: { from: ['pending', 'returned', 'fundraising', 'paused'], to: 'closed', needsReason: false },
};

/** Read a project for a change (organisation staff: their own only), run `change` with its audit entry. */
async function changeProject(
  op: OperatorDoc,
  action: string,
  projectId: string,
  nowMs: number,
  change: (p: Project) => Partial<Project> | Promise<Partial<Project>>,
): Promise<Project> {
  return db().runTransaction(async (tx) => {
    const ref = tx.collection(C.projects).doc(projectId);
    const prev = (await ref.get()).data as Project | null;
    if (!prev) throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${projectId}`);
    requireOrgScope(op, prev.orgId);
    const patch = await change(prev);
    await ref.update({ data: patch });
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, prev[k as keyof Project] ?? null]));
    await audit(tx, actorOf(op), action, `project:${projectId}`, before, patch, nowMs);
    return { ...prev, ...patch };
  });
}

export async function reviewProject(
  op: OperatorDoc,
  input: { projectId: string; decision: Decision; reason?: string },
  nowMs: number,
): Promise<ConsoleProject> {
  const rule = DECISIONS[input.decision];
  if (rule.needsReason && !input.reason) throw new DomainError(ErrorCode.INVALID_INPUT, 'reason: 请填写原因');
  const p = await changeProject(op, 'reviewProject', input.projectId, nowMs, (prev) => {
    if (!rule.from.includes(prev.status as ConsoleProjectStatus))
      throw new DomainError(ErrorCode.INVALID_STATE, `项目状态为 ${prev.status}，不能${input.decision}`);
    return { status: rule.to, reviewReason: input.reason ?? null };
  });
  return consoleProject(p);
}

/**
 * Organisation staff (or admins) edit a draft (pending or returned), fields checked as the import checks them
 * (domain/intake.ts `draftPatch`, the campaign's domains); the edit resubmits it for review (`pending`).
 * Another organisation's project is FORBIDDEN; the change and its before/after are one audited transaction.
 */
export async function editProject(
  op: OperatorDoc,
  input: { projectId: string; patch: DraftPatch },
  nowMs: number,
): Promise<ConsoleProject> {
  if (Object.keys(input.patch).length === 0) throw new DomainError(ErrorCode.INVALID_INPUT, 'patch: 没有修改');
  const p = await changeProject(op, 'editProject', input.projectId, nowMs, async (prev) => {
    if (prev.status !== 'pending' && prev.status !== 'returned')
      throw new DomainError(ErrorCode.INVALID_STATE, '只有待审核或退回的项目可以修改');
    if (input.patch.domain !== undefined) {
      const domains = (await settingsOf(prev.campaignId)).domains.map((d) => d.id);
      if (!domains.includes(input.patch.domain))
        throw new DomainError(ErrorCode.INVALID_INPUT, `patch.domain: 未知领域 ${input.patch.domain}`);
    }
    return { ...input.patch, status: 'pending', reviewReason: null };
  });
  return consoleProject(p);
}

/** A draft's editable fields as they stand (the console's edit form starts from them). */
export async function getDraft(op: OperatorDoc, projectId: string): Promise<ConsoleDraft> {
  const p = (await db().collection(C.projects).doc(projectId).get()).data as Project | null;
  if (!p) throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${projectId}`);
  requireOrgScope(op, p.orgId);
  const fields = Object.fromEntries(DRAFT_FIELDS.map((k) => [k, p[k] ?? ''])) as Required<DraftPatch>;
  return { ...consoleProject(p), fields };
}

/**
 * A progress update (text + photos in cloud storage) on a live project of the operator's organisation: the text
 * passes msgSecCheck and every photo imgSecCheck (CONTENT_REJECTED names the first that does not); the newest
 * UPDATES_KEPT are kept on the project.
 */
export async function postUpdate(
  op: OperatorDoc,
  input: { projectId: string; text: string; photoFileIDs: string[] },
  nowMs: number,
): Promise<{ project: ConsoleProject; photoURLs: string[] }> {
  const current = (await db().collection(C.projects).doc(input.projectId).get()).data as Project | null;
  if (!current) throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${input.projectId}`);
  requireOrgScope(op, current.orgId); // before any check: another organisation's project says FORBIDDEN only
  if (!(await isTextSafe(op._id, input.text)))
    throw new DomainError(ErrorCode.CONTENT_REJECTED, 'text: 内容未通过安全检查');
  for (const [i, fileID] of input.photoFileIDs.entries()) {
    const safe = await isImageSafe(fileID).catch(() => false);
    if (!safe) throw new DomainError(ErrorCode.CONTENT_REJECTED, `photoFileIDs.${i}: 第 ${i + 1} 张图片未通过检查`);
  }
  const photoURLs = await Promise.all(input.photoFileIDs.map((f) => tempURL(f)));
  const p = await changeProject(op, 'postUpdate', input.projectId, nowMs, (prev) => {
    if (prev.status !== 'fundraising' && prev.status !== 'closed')
      throw new DomainError(ErrorCode.INVALID_STATE, '只有已上线的项目可以发布进展');
    const update = { date: beijingDate(nowMs), text: input.text, photos: input.photoFileIDs };
    return { updates: [...(prev.updates ?? []), update].slice(-UPDATES_KEPT) };
  });
  return { project: consoleProject(p), photoURLs };
}

/** The import template (header + one example row) written to storage, with a download link. */
export async function intakeTemplate(format: 'csv' | 'xlsx', domain: string) {
  const rows = [[...INTAKE_COLUMNS], intakeExample(domain)];
  const file = await writeFile(`templates/projects-template.${format}`, render(format, 'projects', rows));
  return { ...file, rows: 1 };
}
