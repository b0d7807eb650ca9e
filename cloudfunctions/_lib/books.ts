/** A project's page of the books: its journal entries with donors masked as they chose and batch ids. */
import type { ProjectEntriesResult, ProjectEntry } from '../../domain/api';
import { addEntryTotals, zeroTotals, type StoredEntry } from '../../domain/canonical';
import { cmd, db } from './cloud';
import { C, type OrderDoc } from './collections';
import { donorName } from './views';
import { donorLabelSecret } from './security';
import { batchOfEntry } from './seal';
import { loadSettings } from './campaign';

const PAGE = 20;

function donorLabel(e: StoredEntry, order: OrderDoc | undefined, secret: string, organiser: string): string {
  if (e.kind === 'steps') return '一块走 · 爱心企业';
  if (e.kind === 'topup') return `${organiser}配套`;
  if (e.kind === 'extra_match') return '腾讯公益基金会 · 助力配捐';
  // Never the openid: the same name the project page shows, or anonymous as the donor chose.
  return order ? donorName(order, secret) : '爱心网友';
}

export async function projectEntries(projectId: string, cursor?: string): Promise<ProjectEntriesResult> {
  const _ = cmd();
  const where = cursor ? { projectId, _id: _.gt(cursor) } : { projectId };
  const { data } = await db().collection(C.journal).where(where).orderBy('_id', 'asc').limit(PAGE).get();
  const entries = data as StoredEntry[];
  const orderIds = [...new Set(entries.map((e) => e.orderId).filter((x): x is string => !!x))];
  const orders = orderIds.length
    ? ((
        await db()
          .collection(C.orders)
          .where({ _id: _.in(orderIds) })
          .limit(100)
          .get()
      ).data as OrderDoc[])
    : [];
  const byId = new Map(orders.map((o) => [o._id, o]));
  const [batches, secret, { organiser }] = await Promise.all([
    Promise.all(entries.map((e) => batchOfEntry(String(e._id)))),
    donorLabelSecret(),
    loadSettings(),
  ]);
  const items: ProjectEntry[] = entries.map((e, i) => {
    const bySource = addEntryTotals(zeroTotals(), e, projectId);
    return {
      entryId: String(e._id),
      kind: e.kind,
      at: new Date(e.at).toISOString(),
      bySource,
      netFen: Object.values(bySource).reduce((a, b) => a + b, 0),
      donor: donorLabel(e, e.orderId ? byId.get(e.orderId) : undefined, secret, organiser),
      batchId: batches[i]?.batch._id ?? null,
    };
  });
  return { items, nextCursor: entries.length === PAGE ? String(entries[PAGE - 1]._id) : null };
}
