/**
 * The console's append-only audit log (`audit_log`): who, when, which action on what, before and after.
 * Entries are only ever added (no action updates or removes one); a change and its entry share one
 * transaction where the change is a database write.
 */
import { randomBytes } from 'node:crypto';
import type { AuditEntryView } from '../../domain/api/admin';
import type { Role } from '../../domain/roles';
import { cmd, db } from './cloud';
import { C } from './collections';
import type { Tx } from './matchUsers';

export interface Auditor {
  openid: string;
  role: Role | null;
}

export interface AuditDoc {
  _id: string;
  at: number;
  actor: string;
  role: Role | null;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** Sortable by time: zero-padded ms, then random (two entries in one ms both stay). */
const auditId = (at: number) => `${String(at).padStart(15, '0')}_${randomBytes(5).toString('hex')}`;

/** JSON-safe, small: documents are logged without their `_id` and long texts are cut. */
function clip(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text.length > 4000 ? { truncated: text.slice(0, 4000) } : JSON.parse(text);
}

export function auditDoc(
  actor: Auditor,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
  at: number,
): AuditDoc {
  return {
    _id: auditId(at),
    at,
    actor: actor.openid,
    role: actor.role,
    action,
    target,
    before: clip(before),
    after: clip(after),
  };
}

/**
 * Adds an entry, written by the transaction that makes the change (`tx`), or on its own (`db()`) for actions
 * whose change is not one database write (a WeChat Pay call, a file export, a sealing run).
 */
export async function audit(
  writer: Tx | ReturnType<typeof db>,
  actor: Auditor,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
  at: number,
): Promise<void> {
  const { _id, ...data } = auditDoc(actor, action, target, before, after, at);
  await writer.collection(C.auditLog).doc(_id).set({ data });
}

/** Newest first; `cursor` is the last id of the previous page. */
export async function auditPage(
  limit: number,
  cursor?: string,
): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  let q = db()
    .collection(C.auditLog)
    .where(cursor ? { _id: cmd().lt(cursor) } : {});
  q = q.orderBy('_id', 'desc').limit(limit + 1);
  const rows = (await q.get()).data as AuditDoc[];
  const items = rows.slice(0, limit).map(({ _id, ...r }) => ({ id: _id, ...r }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
