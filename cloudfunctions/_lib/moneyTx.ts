/**
 * A transaction that survives CloudBase's first-writer-wins conflicts. A write to a document another
 * open transaction wrote (or that changed after the snapshot) fails at once and aborts the
 * transaction; wx-server-sdk rewraps that error as errCode -501001 without `code`, so the SDK's own
 * `runTransaction(fn, times)` does NOT retry it. This loop does, handing the callback the attempt
 * number so each retry can pick other shards.
 */
import { MONEY_TX_ATTEMPTS } from '../../domain/settings';
import { db } from './cloud';
import type { Tx } from './matchUsers';

/**
 * A write conflict, however the SDK layers wrapped it; or an operation on a transaction that conflict
 * (or its 30 s limit) already ended — writes sent beside the conflicting one. Nothing of an aborted
 * transaction is applied, so running it again is safe.
 */
export function isTxConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string; errMsg?: string } | null;
  if (e?.code === 'DATABASE_TRANSACTION_CONFLICT' || e?.code === 'DATABASE_TRANSACTION_FAIL') return true;
  return /TransactionConflict|TRANSACTION_CONFLICT|TransactionNotExist|TRANSACTION_FAIL/i.test(
    `${e?.message ?? ''} ${e?.errMsg ?? ''}`,
  );
}

const BACKOFF_BASE_MS = 20;
const BACKOFF_CAP_MS = 1_000;

export async function runMoneyTx<T>(
  fn: (tx: Tx, attempt: number) => Promise<T>,
  attempts = MONEY_TX_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // times 0: the SDK must not replay the callback itself (it would reuse this attempt's shards).
      return await db().runTransaction((tx) => fn(tx, attempt), 0);
    } catch (err) {
      if (attempt >= attempts || !isTxConflict(err)) throw err;
      // Full-jitter exponential backoff: under a burst the losers of one hot document would otherwise
      // collide again in lockstep while the winner is still open. Capped so 8 attempts stay within ~3 s.
      const capMs = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * capMs));
    }
  }
}
