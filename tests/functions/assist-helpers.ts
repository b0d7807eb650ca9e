/**
 * Helpers for the assist / quiz / flowers function tests: drive the functions as the app does and read
 * the store for what the app cannot see (correct quiz answers, ledger sums, flower accounts).
 */
import { accountOf } from '../../domain/accounts';
import type { Backend } from './backend';

export async function share(b: Backend, openid: string, projectId: string): Promise<{ shareId: string; path: string }> {
  const r = await b.call('assist', { action: 'share', projectId }, { openid });
  if (r.error) throw new Error(`share failed: ${JSON.stringify(r.error)}`);
  return r.result;
}

export const open = (b: Backend, openid: string, shareId: string) =>
  b.call('assist', { action: 'open', shareId }, { openid });
export const flower = (b: Backend, openid: string, shareId: string) =>
  b.call('assist', { action: 'flower', shareId }, { openid });
export const progress = async (b: Backend, openid: string) =>
  (await b.call('assist', { action: 'progress' }, { openid })).result;
export const balance = async (b: Backend, openid: string) =>
  (await b.call('flowers', { action: 'balance' }, { openid })).result;

/** Test-side setup: give a user `n` flowers directly in the store (earning them is tested elsewhere). */
export async function seedFlowers(b: Backend, openid: string, n: number): Promise<void> {
  await b.emulator.db.put('flower_accounts', { _id: openid, balance: n, given: 0, earned: {}, keys: {} });
}

/** The correct option of each question, read from the bank (what only the server knows). */
export async function correctAnswers(b: Backend, questionIds: string[]): Promise<number[]> {
  return Promise.all(questionIds.map(async (id) => (await b.emulator.db.get('quiz_bank', id))!.answer as number));
}

export async function startQuiz(b: Backend, openid: string) {
  const r = await b.call('quiz', { action: 'start' }, { openid });
  if (r.error) throw new Error(`quiz.start failed: ${JSON.stringify(r.error)}`);
  return r.result as {
    attemptId: string;
    questions: Array<{ id: string; text: string; options: string[] }>;
    attemptsLeft: number;
  };
}

/** Start and submit a quiz with `correct` right answers (5 = all right); returns the submit call. */
export async function takeQuiz(b: Backend, openid: string, opts: { shareId?: string; correct?: number } = {}) {
  const attempt = await startQuiz(b, openid);
  const right = await correctAnswers(
    b,
    attempt.questions.map((q) => q.id),
  );
  const correct = opts.correct ?? right.length;
  const answers = right.map((a, i) => (i < correct ? a : (a + 1) % 4));
  return b.call(
    'quiz',
    { action: 'submit', attemptId: attempt.attemptId, answers, ...(opts.shareId ? { shareId: opts.shareId } : {}) },
    { openid },
  );
}

/** Sum of a project's counter shards (what projects.get shows). */
export async function projectCounter(
  b: Backend,
  projectId: string,
): Promise<{ flowers: number; match: number; public: number }> {
  const shards = await b.emulator.db.find('project_counters', (d) => d.projectId === projectId);
  return shards.reduce(
    (s, d) => ({ flowers: s.flowers + d.flowers, match: s.match + d.match, public: s.public + d.public }),
    { flowers: 0, match: 0, public: 0 },
  );
}

/** What the pool paid out according to the journal (every posting out of a pool shard). */
export async function journalPoolOut(b: Backend, filter: (e: any) => boolean = () => true): Promise<number> {
  const entries = await b.emulator.db.find('journal', filter);
  return entries.reduce(
    (s, e) =>
      s -
      e.postings
        .filter((p: any) => accountOf(p.account).kind === 'pool')
        .reduce((t: number, p: any) => t + p.amountFen, 0),
    0,
  );
}

export async function poolSpent(b: Backend): Promise<number> {
  return (await b.emulator.db.find('pool_shards')).reduce((s, d) => s + d.spentFen, 0);
}

export const assistsOf = (b: Backend, inviter: string) => b.emulator.db.find('assists', (d) => d.inviter === inviter);

/** Counts of every collection an assist/quiz/flower call may write (for "nothing changed" checks). */
export async function snapshot(b: Backend): Promise<Record<string, number>> {
  const names = ['shares', 'assists', 'assist_counters', 'quiz_attempts', 'flower_events', 'journal', 'orders'];
  const counts = await Promise.all(names.map((n) => b.count(n)));
  const accounts = await b.emulator.db.find('flower_accounts');
  return {
    ...Object.fromEntries(names.map((n, i) => [n, counts[i]])),
    flowerBalances: accounts.reduce((s, a) => s + a.balance, 0),
    quizSubmitted: await b.count('quiz_attempts', (d) => d.submitted),
  };
}
