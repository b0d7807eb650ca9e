/**
 * Entries for staff (`anomalies`): one per cause and order (deterministic `_id`), so retries add nothing; the
 * bucketed kinds (machine speed per user and Beijing day, function errors per function, code and Beijing
 * minute) count repeats on their one row, so a burst cannot grow the queue without bound.
 */
import type { AnomalyKind, AnomalyView, AdminAnomaliesResult } from '../../domain/api';
import { beijingDay8, beijingMinute12 } from '../../domain/time';
import { cmd, db, insertOnce } from './cloud';
import { C, type AnomalyDoc } from './collections';

export async function flagAnomaly(a: Omit<AnomalyDoc, '_id'>): Promise<void> {
  await insertOnce<AnomalyDoc>(C.anomalies, { _id: `${a.kind}_${a.orderId}`, ...a });
}

/** Insert the bucket's row, or count one more on it (a plain atomic increment, no transaction). */
async function flagBucket(doc: AnomalyDoc): Promise<void> {
  if (await insertOnce<AnomalyDoc>(C.anomalies, { ...doc, count: 1, lastAt: doc.at })) return;
  await db()
    .collection(C.anomalies)
    .doc(doc._id)
    .update({ data: { count: cmd().inc(1), lastAt: doc.at } });
}

/** Id-safe text: letters, digits, `-` and `_` (openids and error codes are), at most 48 characters. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 48);

/** A paid donation refused a match for machine speed: one row per campaign, user and Beijing day. */
export async function flagRateLimited(campaignId: string, openid: string, orderId: string, nowMs: number) {
  const _id = `rate_limited_${safe(campaignId)}_${beijingDay8(nowMs)}_${safe(openid)}`;
  await flagBucket({
    _id,
    kind: 'rate_limited',
    orderId,
    detail: { campaignId, openid, firstOrderId: orderId },
    at: nowMs,
  });
}

/** How long recording an error may hold up the call that failed. */
const RECORD_TIMEOUT_MS = 2_000;

/** The error's code: a platform `errCode`/`code`, else its class name ("TypeError"). */
export function errorCodeOf(err: unknown): string {
  const e = err as { errCode?: unknown; code?: unknown; name?: unknown } | null;
  const code = e?.errCode ?? e?.code ?? e?.name ?? 'Error';
  return safe(String(code)) || 'Error';
}

/**
 * An uncaught error of a function: one row per function, code and Beijing minute. Never throws and never
 * waits more than RECORD_TIMEOUT_MS: recording must not fail (or stall) the call it reports.
 */
export async function recordFunctionError(fn: string, action: string, err: unknown, nowMs: number): Promise<void> {
  const code = errorCodeOf(err);
  const message = String((err as Error)?.message ?? err).slice(0, 300);
  const doc: AnomalyDoc = {
    _id: `function_error_${safe(fn)}_${code}_${beijingMinute12(nowMs)}`,
    kind: 'function_error',
    orderId: '',
    detail: { fn, action, code, message },
    at: nowMs,
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, RECORD_TIMEOUT_MS)));
  await Promise.race([flagBucket(doc).catch(() => undefined), timeout]);
  clearTimeout(timer);
}

export const anomalyView = (a: AnomalyDoc): AnomalyView => ({
  id: a._id,
  kind: a.kind,
  orderId: a.orderId,
  at: a.at,
  detail: a.detail,
  count: a.count ?? 1,
  lastAt: a.lastAt ?? a.at,
});

/** `<at>_<id>` of the last row of a page: the next page starts strictly after it (newest first). */
const cursorOf = (a: AnomalyDoc) => `${a.at}_${a._id}`;

/** Newest first, optionally of one kind, one page at a time (index `kind, at` / `at`). */
export async function anomalyPage(input: {
  kind?: AnomalyKind;
  cursor?: string;
  limit?: number;
}): Promise<AdminAnomaliesResult> {
  const limit = input.limit ?? 20;
  const _ = cmd();
  const base: Record<string, unknown> = input.kind ? { kind: input.kind } : {};
  let where: unknown = base;
  if (input.cursor) {
    const cut = input.cursor.indexOf('_');
    const at = Number(input.cursor.slice(0, cut));
    const id = input.cursor.slice(cut + 1);
    where = _.or([
      { ...base, at: _.lt(at) },
      { ...base, at, _id: _.lt(id) },
    ]);
  }
  const { data } = await db()
    .collection(C.anomalies)
    .where(where as Record<string, unknown>)
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit + 1)
    .get();
  const rows = data as AnomalyDoc[];
  const page = rows.slice(0, limit);
  return { items: page.map(anomalyView), nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]) : null };
}
