/** Operation counters (cheap increments only; the benchmark runs through here). */
export interface MetricsSnapshot {
  reads: number;
  writes: number;
  byAction: Record<string, number>;
  txReads: number;
  txWrites: number;
  /** Reads and writes of transactions that committed (a conflicted attempt's are in txReads/txWrites only). */
  committedTxReads: number;
  committedTxWrites: number;
  transactions: { started: number; committed: number; aborted: number; conflicts: number; retries: number };
  lockWaits: number;
  errors: Record<string, number>;
  invocations: Record<string, number>;
  functionErrors: number;
}

export class Metrics {
  private m: MetricsSnapshot = Metrics.empty();

  static empty(): MetricsSnapshot {
    return {
      reads: 0,
      writes: 0,
      byAction: {},
      txReads: 0,
      txWrites: 0,
      committedTxReads: 0,
      committedTxWrites: 0,
      transactions: { started: 0, committed: 0, aborted: 0, conflicts: 0, retries: 0 },
      lockWaits: 0,
      errors: {},
      invocations: {},
      functionErrors: 0,
    };
  }

  get raw(): MetricsSnapshot {
    return this.m;
  }

  /** Operations of each open transaction, moved to the committed totals when it commits (bounded: dropped at end). */
  private openTx = new Map<string, { reads: number; writes: number }>();

  txOperation(transactionId: string, kind: 'reads' | 'writes'): void {
    let t = this.openTx.get(transactionId);
    if (!t) {
      if (this.openTx.size > 10_000) this.openTx.clear(); // abandoned transactions must not grow the map
      this.openTx.set(transactionId, (t = { reads: 0, writes: 0 }));
    }
    t[kind]++;
  }

  txEnded(transactionId: string, committed: boolean): void {
    const t = this.openTx.get(transactionId);
    this.openTx.delete(transactionId);
    if (!t || !committed) return;
    this.m.committedTxReads += t.reads;
    this.m.committedTxWrites += t.writes;
  }

  action(name: string): void {
    this.m.byAction[name] = (this.m.byAction[name] ?? 0) + 1;
  }

  error(code: string): void {
    this.m.errors[code] = (this.m.errors[code] ?? 0) + 1;
  }

  invocation(fn: string): void {
    this.m.invocations[fn] = (this.m.invocations[fn] ?? 0) + 1;
  }

  snapshot(extra: { lockWaits: number }): MetricsSnapshot {
    return JSON.parse(JSON.stringify({ ...this.m, lockWaits: extra.lockWaits - this.lockBase }));
  }

  private lockBase = 0;
  reset(lockWaitsNow: number): void {
    this.m = Metrics.empty();
    this.lockBase = lockWaitsNow;
  }
}
