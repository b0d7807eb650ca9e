/** Classifying the suite's cases: which reach the database, which are transaction cases. */
export interface CaseResult {
  file: string;
  name: string;
  status: 'passed' | 'failed';
  message: string;
}
export interface Tally {
  passed: number;
  total: number;
}
export interface Summary {
  db: Tally & { percent: number };
  tx: Tally;
  excluded: Tally;
}

/**
 * Cases that never send a database request (pure SDK-side helpers), so they say nothing about the
 * emulator: kept out of the denominator. Matched by file.
 */
export const EXCLUDED_FILES = ['database/unit/util.test.ts', 'database/unit/validate.test.ts'];

export function classify(c: CaseResult): 'excluded' | 'transaction' | 'db' {
  if (EXCLUDED_FILES.includes(c.file)) return 'excluded';
  return c.file.endsWith('transaction.test.ts') ? 'transaction' : 'db';
}

const tally = (cs: CaseResult[]): Tally => ({
  passed: cs.filter((c) => c.status === 'passed').length,
  total: cs.length,
});

export function summarize(cases: CaseResult[]): Summary {
  const db = tally(cases.filter((c) => classify(c) !== 'excluded'));
  return {
    db: { ...db, percent: db.total ? Math.floor((1000 * db.passed) / db.total) / 10 : 0 },
    tx: tally(cases.filter((c) => classify(c) === 'transaction')),
    excluded: tally(cases.filter((c) => classify(c) === 'excluded')),
  };
}
