/**
 * Console staff: operators (`operators/<openid>` = {role, orgId?}), one-time invitations and the role check
 * every `admin` action goes through. The caller's openid always comes from the cloud context.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, ErrorCode } from '../../domain/errors';
import {
  INVITE_CODE_LENGTH,
  INVITE_TTL_MS,
  OPEN_INVITES_MAX,
  rolesFor,
  type GuardedAdminAction,
  type Role,
} from '../../domain/roles';
import type { AdminInviteResult, OperatorView } from '../../domain/api/admin';
import { cmd, db, readAll } from './cloud';
import { runMoneyTx } from './moneyTx';
import { C } from './collections';
import { audit, type Auditor } from './audit';

export interface OperatorDoc {
  _id: string; // the openid
  role: Role;
  orgId: string | null;
  name: string;
  since: number;
  invitedBy: string | null;
}

/** `_id` = sha256 of the code: the code itself is never stored. */
export interface InviteDoc {
  _id: string;
  role: Role;
  orgId: string | null;
  name: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}

export const operatorView = (o: OperatorDoc): OperatorView => ({
  openid: o._id,
  role: o.role,
  orgId: o.orgId ?? null,
  name: o.name ?? '',
  since: o.since ?? 0,
});

const forbidden = (why = '仅限慈善总会工作人员') => new DomainError(ErrorCode.FORBIDDEN, why);

/**
 * Read fresh on every call, never cached: a revoked operator is refused by the very next call, on any
 * warm instance (one document read by id per console action).
 */
export async function getOperator(openid: string): Promise<OperatorDoc | null> {
  const { data } = await db().collection(C.operators).doc(openid).get();
  return (data as OperatorDoc | null) ?? null;
}

/** The caller as an operator allowed to run `action`; FORBIDDEN for anyone else (unknown openids too). */
export async function requireRole(openid: string, action: GuardedAdminAction): Promise<OperatorDoc> {
  const op = await getOperator(openid);
  if (!op || !rolesFor(action).includes(op.role)) throw forbidden();
  if (op.role === 'org' && !op.orgId) throw forbidden('机构账号未绑定机构');
  return op;
}

/** Organisation staff may act on their own organisation's projects only. */
export function requireOrgScope(op: OperatorDoc, orgId: string): void {
  if (op.role === 'org' && op.orgId !== orgId) throw forbidden('只能管理本机构的项目');
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I
export const hashCode = (code: string) =>
  createHash('sha256').update(code.trim().toUpperCase().replace(/[\s-]/g, '')).digest('hex');

function newCode(): string {
  const bytes = randomBytes(INVITE_CODE_LENGTH);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export async function inviteOperator(
  actor: Auditor,
  input: { role: Role; orgId?: string; name?: string },
  nowMs: number,
): Promise<AdminInviteResult> {
  if (input.role === 'org' && !input.orgId) throw new DomainError(ErrorCode.INVALID_INPUT, 'orgId: 机构账号须指定机构');
  if (input.role !== 'org' && input.orgId)
    throw new DomainError(ErrorCode.INVALID_INPUT, 'orgId: 仅机构账号可指定机构');
  const open = await db()
    .collection(C.operatorInvites)
    .where({ usedBy: null, expiresAt: cmd().gt(nowMs) })
    .count();
  if (open.total >= OPEN_INVITES_MAX) throw new DomainError(ErrorCode.RATE_LIMITED, '未使用的邀请码过多');
  const code = newCode();
  const invite: InviteDoc = {
    _id: hashCode(code),
    role: input.role,
    orgId: input.orgId ?? null,
    name: input.name ?? '',
    createdBy: actor.openid,
    createdAt: nowMs,
    expiresAt: nowMs + INVITE_TTL_MS,
    usedBy: null,
    usedAt: null,
  };
  await db().runTransaction(async (tx) => {
    const { _id, ...data } = invite;
    await tx.collection(C.operatorInvites).doc(_id).set({ data });
    // The code hash's first 8 characters name the invitation in the log (never the code).
    const after = { role: invite.role, orgId: invite.orgId, expiresAt: invite.expiresAt };
    await audit(tx, actor, 'inviteOperator', `invite:${_id.slice(0, 8)}`, null, after, nowMs);
  });
  // Expired, unused invitations are purged as new ones are made: the collection stays bounded.
  await db()
    .collection(C.operatorInvites)
    .where({ usedBy: null, expiresAt: cmd().lte(nowMs) })
    .remove()
    .catch(() => undefined);
  return { code, role: invite.role, orgId: invite.orgId, expiresAt: invite.expiresAt };
}

/** Bind the caller's openid to the invitation's role, once; a used, expired or unknown code is FORBIDDEN. */
export async function redeemInvite(openid: string, code: string, nowMs: number): Promise<OperatorView> {
  const id = hashCode(code);
  return db().runTransaction(async (tx) => {
    const ref = tx.collection(C.operatorInvites).doc(id);
    const invite = (await ref.get()).data as InviteDoc | null;
    if (!invite || invite.usedBy || invite.expiresAt <= nowMs) throw forbidden('邀请码无效或已过期');
    const opRef = tx.collection(C.operators).doc(openid);
    const before = (await opRef.get()).data as OperatorDoc | null;
    if (before) throw new DomainError(ErrorCode.INVALID_STATE, '该微信已是工作人员');
    const op: OperatorDoc = {
      _id: openid,
      role: invite.role,
      orgId: invite.orgId,
      name: invite.name,
      since: nowMs,
      invitedBy: invite.createdBy,
    };
    const { _id, ...data } = op;
    await opRef.set({ data });
    await ref.update({ data: { usedBy: openid, usedAt: nowMs } });
    const actor = { openid, role: op.role };
    await audit(tx, actor, 'redeemInvite', `operator:${openid}`, null, operatorView(op), nowMs);
    return operatorView(op);
  });
}

export async function listOperators(): Promise<OperatorView[]> {
  return (await readAll<OperatorDoc>(C.operators)).map(operatorView);
}

/** The document every admin revocation writes: concurrent revocations serialise on it (first writer wins). */
const ADMIN_GUARD_ID = 'admins';

/**
 * Remove an operator's binding: their openid is FORBIDDEN from the next call on (`getOperator` is never
 * cached). The last admin cannot be revoked; two admins revoking each other at once cannot leave none, as
 * both write the guard document and the loser re-counts after the winner committed.
 */
export async function revokeOperator(actor: Auditor, openid: string, nowMs: number): Promise<OperatorView> {
  return runMoneyTx(async (tx) => {
    const ref = tx.collection(C.operators).doc(openid);
    const target = (await ref.get()).data as OperatorDoc | null;
    if (!target) throw new DomainError(ErrorCode.NOT_FOUND, `operator ${openid} not found`);
    const view = operatorView({ ...target, _id: openid });
    if (target.role === 'admin') {
      const guard = tx.collection(C.operatorGuards).doc(ADMIN_GUARD_ID);
      const seen = (await guard.get()).data as { revocations?: number } | null;
      const admins = await db().collection(C.operators).where({ role: 'admin' }).count();
      if (admins.total <= 1) throw new DomainError(ErrorCode.INVALID_STATE, '不能撤销最后一位管理员');
      await guard.set({ data: { revocations: Number(seen?.revocations ?? 0) + 1, at: nowMs } });
    }
    await ref.remove();
    await audit(tx, actor, 'revokeOperator', `operator:${openid}`, view, null, nowMs);
    return view;
  });
}
