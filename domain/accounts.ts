/**
 * Journal accounts: structured (a kind and the ids that name it), never parsed strings. Each kind but
 * `donor` has one balance document the journal keeps (cloudfunctions/_lib/journal.ts):
 *   donor    {openid}              the donor's own money (WeChat Pay): no balance document
 *   project  {projectId, source}   a project's counter shards, field `<source>`
 *   pool     {shardId}             the Foundation pool shard `pool_shards/<shardId>`, field `spentFen`
 *   sponsor  {sponsorId}           a step sponsor's budget `sponsors/<id>`, fields `leftFen`/`paidFen`
 *   coupon   {batchId}             a love-coupon batch's money `coupon_batches/<id>`, fields `usedFen`/`used`
 *   topup    {projectId}           the Federation's top-up of a project `topups/<id>`, `toppedFen`/`reversedFen`
 * Entries written before accounts were structured hold strings (`project:<id>:<source>`, `pool:foundation`,
 * `federation:topup`…); `accountOf` reads both, so old entries stay valid in the sealed books.
 */
import { MONEY_SOURCES, type MoneySource } from './api';

export type Account =
  | { kind: 'donor'; openid: string }
  | { kind: 'project'; projectId: string; source: MoneySource }
  | { kind: 'pool'; shardId: string | null }
  | { kind: 'sponsor'; sponsorId: string }
  | { kind: 'coupon'; batchId: string }
  | { kind: 'topup'; projectId: string | null };

export type AccountKind = Account['kind'];

export const account = {
  donor: (openid: string): Account => ({ kind: 'donor', openid }),
  project: (projectId: string, source: MoneySource): Account => ({ kind: 'project', projectId, source }),
  pool: (shardId: string): Account => ({ kind: 'pool', shardId }),
  sponsor: (sponsorId: string): Account => ({ kind: 'sponsor', sponsorId }),
  coupon: (batchId: string): Account => ({ kind: 'coupon', batchId }),
  topup: (projectId: string): Account => ({ kind: 'topup', projectId }),
};

const SOURCE_SET = new Set<string>(MONEY_SOURCES);

/** An account as stored: structured, or a string of an entry written before accounts were structured. */
export function accountOf(stored: Account | string): Account {
  if (typeof stored !== 'string') return stored;
  const [kind, ...rest] = stored.split(':');
  const tail = rest.join(':');
  if (kind === 'donor') return { kind, openid: tail };
  if (kind === 'sponsor') return { kind, sponsorId: tail };
  if (kind === 'coupon') return { kind, batchId: tail };
  if (kind === 'pool') return { kind, shardId: null };
  if (kind === 'federation') return { kind: 'topup', projectId: null };
  const source = rest[rest.length - 1];
  if (kind === 'project' && SOURCE_SET.has(source))
    return { kind, projectId: rest.slice(0, -1).join(':'), source: source as MoneySource };
  throw new Error(`unknown journal account ${stored}`);
}

/**
 * One text per account (map keys, the books' canonical bytes). Legacy strings keep their text; the pool
 * and top-up keys name the shard / project when the account does.
 */
export function accountKey(stored: Account | string): string {
  if (typeof stored === 'string') return stored;
  switch (stored.kind) {
    case 'donor':
      return `donor:${stored.openid}`;
    case 'project':
      return `project:${stored.projectId}:${stored.source}`;
    case 'pool':
      return stored.shardId ? `pool:${stored.shardId}` : 'pool:foundation';
    case 'sponsor':
      return `sponsor:${stored.sponsorId}`;
    case 'coupon':
      return `coupon:${stored.batchId}`;
    case 'topup':
      return stored.projectId ? `topup:${stored.projectId}` : 'federation:topup';
  }
}
