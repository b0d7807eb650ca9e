/**
 * `projects`: the session's project list (filters, search, sort, paging), one project's detail, its donor
 * list (paged) and its books.
 */
import { projectsInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import type {
  ProjectCard,
  ProjectDetail,
  ProjectDonorsResult,
  ProjectEntriesResult,
  ProjectsListResult,
  ProjectSort,
} from '../../../domain/api';
import { defineFunction } from '../../_lib/handler';
import { loadCatalog, loadSettings, requireProject } from '../../_lib/campaign';
import { donorCounts, projectTotals } from '../../_lib/totals';
import { donorRows, projectCard, ZERO_TOTALS } from '../../_lib/views';
import { donorLabelSecret } from '../../_lib/security';
import { projectPageInfo } from '../../../domain/projectPage';
import { db } from '../../_lib/cloud';
import { C, type OrderDoc } from '../../_lib/collections';
import { projectEntries } from '../../_lib/books';
import { proofFor } from '../../_lib/seal';
import { updatesView } from '../../_lib/updates';

const SORTERS: Record<ProjectSort, (a: ProjectCard, b: ProjectCard) => number> = {
  hot: (a, b) => b.donationCount - a.donationCount || b.raisedFen - a.raisedFen || a.id.localeCompare(b.id),
  progress: (a, b) => b.raisedFen / b.targetFen - a.raisedFen / a.targetFen || a.id.localeCompare(b.id),
  new: (a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
};

const DONORS_PAGE = 20;

export const main = defineFunction({
  name: 'projects',
  schema: projectsInput,
  actions: {
    async list(input): Promise<ProjectsListResult> {
      const [settings, catalog, totals, donors] = await Promise.all([
        loadSettings(),
        loadCatalog(),
        projectTotals(),
        donorCounts(),
      ]);
      if (input.domain && !settings.domains.some((d) => d.id === input.domain))
        throw new DomainError(ErrorCode.INVALID_INPUT, `unknown domain ${input.domain}`);
      const q = input.q?.trim();
      const cards = [...catalog.values()]
        .filter((p) => p.status === 'fundraising')
        .filter((p) => !input.domain || p.domain === input.domain)
        .filter(
          (p) => !q || p.title.includes(q) || p.org.includes(q) || p.district.includes(q) || p.summary.includes(q),
        )
        .map((p) => projectCard(p, totals.get(p._id), donors.byProject.get(p._id) ?? 0))
        .sort(SORTERS[input.sort ?? 'hot']);
      const start = Number(input.cursor ?? 0);
      const limit = input.limit ?? 20;
      const items = cards.slice(start, start + limit);
      const next = start + items.length;
      return { items, nextCursor: next < cards.length ? String(next) : null, total: cards.length };
    },

    async get(input): Promise<ProjectDetail> {
      const project = await requireProject(input.id).catch(() => {
        throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${input.id}`);
      });
      // Drafts under review are not public; a paused project shows as not taking money.
      if (project.status === 'pending' || project.status === 'returned')
        throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${input.id}`);
      const [totals, donors, recent, labelKey] = await Promise.all([
        projectTotals(project._id),
        donorCounts(project._id),
        db()
          .collection(C.orders)
          .where({ projectId: project._id, status: 'paid' })
          .orderBy('paidAt', 'desc')
          .limit(10)
          .get(),
        donorLabelSecret(),
      ]);
      const t = totals.get(project._id) ?? ZERO_TOTALS;
      const [recentDonations, settings, updates] = await Promise.all([
        donorRows(recent.data as OrderDoc[], labelKey),
        loadSettings(),
        updatesView(project.updates),
      ]);
      return {
        ...projectCard(project, t, donors.total),
        story: project.story,
        status: project.status === 'fundraising' ? 'fundraising' : 'closed',
        partner: project.partner,
        bySource: t.bySource,
        recentDonations,
        photos: project.photos ?? [],
        updates,
        page: projectPageInfo(project, settings),
      };
    },

    /** The project's donor list, newest first, a page at a time (cursor = "<paidAt ms>.<orderId>" of the last). */
    async donors(input): Promise<ProjectDonorsResult> {
      await requireProject(input.id).catch(() => {
        throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${input.id}`);
      });
      const _ = db().command;
      const [afterAt, afterId] = input.cursor ? input.cursor.split('.') : [];
      const base = { projectId: input.id, status: 'paid' };
      const where = input.cursor
        ? _.and([base, _.or([{ paidAt: _.lt(Number(afterAt)) }, { paidAt: Number(afterAt), _id: _.lt(afterId) }])])
        : base;
      const [res, labelKey] = await Promise.all([
        db()
          .collection(C.orders)
          .where(where)
          .orderBy('paidAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(DONORS_PAGE + 1)
          .get(),
        donorLabelSecret(),
      ]);
      const page = (res.data as OrderDoc[]).slice(0, DONORS_PAGE);
      const last = page[page.length - 1];
      return {
        items: await donorRows(page, labelKey),
        nextCursor: res.data.length > DONORS_PAGE && last ? `${last.paidAt ?? 0}.${last._id}` : null,
      };
    },

    /** The project's journal entries (the books), donors masked as they chose, with their batch ids. */
    async entries(input): Promise<ProjectEntriesResult> {
      await requireProject(input.projectId).catch(() => {
        throw new DomainError(ErrorCode.PROJECT_NOT_FOUND, `no project ${input.projectId}`);
      });
      return projectEntries(input.projectId, input.cursor);
    },

    /** Anyone may fetch a project entry's proof: canonical entries carry no openid (docs/books.md). */
    async entryProof(input) {
      const { data } = await db().collection(C.journal).doc(input.entryId).get();
      if (!data || data.projectId !== input.projectId) throw new DomainError(ErrorCode.NOT_FOUND, '账目不存在');
      return { entryId: input.entryId, proof: await proofFor(input.entryId) };
    },
  },
});
