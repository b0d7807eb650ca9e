/**
 * The public-welfare quiz and small red flowers through the real SDK on the emulator (issue 5):
 * answers never leave the server before submit, attempts are single-use and limited a day, flowers are
 * earned within daily caps and given atomically (never negative, one ledger record per gift).
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import {
  assistsOf,
  balance,
  correctAnswers,
  projectCounter,
  seedFlowers,
  share,
  snapshot,
  startQuiz,
  takeQuiz,
} from './assist-helpers';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const NEXT_DAY = '2022-04-29';
const submit = (openid: string, attemptId: string, answers: unknown, extra: Record<string, unknown> = {}) =>
  b.call('quiz', { action: 'submit', attemptId, answers, ...extra }, { openid });

describe('quiz', () => {
  test('start sends 5 distinct questions without answers or explanations', async () => {
    b.at(SESSION_DAY, '10:30');
    const r = await b.call('quiz', { action: 'start' }, { openid: 'qz-A' });
    expect(r.status).toBe(200);
    const { attemptId, questions, attemptsLeft } = r.result;
    expect(attemptId).toMatch(/^[0-9A-Za-z]{16,64}$/);
    expect(attemptId).not.toContain('qz-A');
    expect(attemptsLeft).toBe(2);
    expect(questions).toHaveLength(5);
    expect(new Set(questions.map((q: any) => q.id)).size).toBe(5);
    const text = JSON.stringify(r.body);
    for (const q of questions) {
      expect(Object.keys(q).every((k) => ['id', 'text', 'options', 'topic'].includes(k))).toBe(true);
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      const bank = (await b.emulator.db.get('quiz_bank', q.id))!;
      expect(q.text).toBe(bank.text);
      expect(text).not.toContain(bank.explanation);
    }
    expect(text).not.toMatch(/answer|explanation/i);
  });

  test('submit grades on the server, explains each question, and a pass earns a flower', async () => {
    b.at(SESSION_DAY, '10:30');
    const attempt = await startQuiz(b, 'qz-B');
    const right = await correctAnswers(
      b,
      attempt.questions.map((q) => q.id),
    );
    const answers = right.map((a, i) => (i === 0 ? (a + 1) % 4 : a)); // 4 of 5: the pass mark
    const r = await submit('qz-B', attempt.attemptId, answers);
    expect(r.result).toMatchObject({
      correctCount: 4,
      total: 5,
      passed: true,
      flowersEarned: 1,
      assisted: false,
      extraDraw: null,
    });
    expect(r.result.results).toHaveLength(5);
    for (const [i, res] of r.result.results.entries()) {
      const bank = (await b.emulator.db.get('quiz_bank', attempt.questions[i].id))!;
      expect(res).toMatchObject({
        id: bank._id,
        correct: i !== 0,
        answer: bank.answer,
        chosen: answers[i],
        explanation: bank.explanation,
      });
    }
    const bal = await balance(b, 'qz-B');
    expect(bal).toMatchObject({ balance: 1, earnedToday: { donate: 0, quiz: 1, steps: 0 } });
    expect(bal.history[0]).toMatchObject({ kind: 'earn', source: 'quiz', count: 1 });
    expect(await b.emulator.db.get('quiz_attempts', attempt.attemptId)).toMatchObject({
      submitted: true,
      correctCount: 4,
      passed: true,
    });
  });

  test('three right answers fail: no flower', async () => {
    b.at(SESSION_DAY, '10:30');
    const r = await takeQuiz(b, 'qz-C', { correct: 3 });
    expect(r.result).toMatchObject({ correctCount: 3, passed: false, flowersEarned: 0 });
    expect((await balance(b, 'qz-C')).balance).toBe(0);
  });

  test('a replayed attemptId is refused, also when the submits race', async () => {
    b.at(SESSION_DAY, '10:30');
    const attempt = await startQuiz(b, 'qz-D');
    const right = await correctAnswers(
      b,
      attempt.questions.map((q) => q.id),
    );
    expect((await submit('qz-D', attempt.attemptId, right)).result.passed).toBe(true);
    const replay = await submit('qz-D', attempt.attemptId, right);
    expect(replay.error?.code).toBe('QUIZ_ATTEMPT_INVALID');
    expect((await balance(b, 'qz-D')).balance).toBe(1);

    const raced = await startQuiz(b, 'qz-D');
    const answers = await correctAnswers(
      b,
      raced.questions.map((q) => q.id),
    );
    const results = await Promise.all(Array.from({ length: 6 }, () => submit('qz-D', raced.attemptId, answers)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.error?.code === 'QUIZ_ATTEMPT_INVALID')).toHaveLength(5);
  });

  test("a forged or another user's attemptId is refused and the owner's attempt stays usable", async () => {
    b.at(SESSION_DAY, '10:30');
    const attempt = await startQuiz(b, 'qz-E');
    const right = await correctAnswers(
      b,
      attempt.questions.map((q) => q.id),
    );
    expect((await submit('qz-mallory', attempt.attemptId, right)).error?.code).toBe('QUIZ_ATTEMPT_INVALID');
    expect((await submit('qz-mallory', 'qaFORGED0000000000000', right)).error?.code).toBe('QUIZ_ATTEMPT_INVALID');
    expect((await balance(b, 'qz-mallory')).balance).toBe(0);
    expect((await submit('qz-E', attempt.attemptId, right)).result.passed).toBe(true);
  });

  test('answers must fit the attempt: one per question, a real option, whole numbers', async () => {
    b.at(SESSION_DAY, '10:30');
    const attempt = await startQuiz(b, 'qz-F');
    const right = await correctAnswers(
      b,
      attempt.questions.map((q) => q.id),
    );
    const bad: Array<[unknown, string]> = [
      [right.slice(0, 4), 'INVALID_INPUT'], // a question left out
      [[...right, 0], 'INVALID_INPUT'], // an answer to a question not in the attempt
      [right.map((a, i) => (i === 2 ? attempt.questions[2].options.length : a)), 'INVALID_INPUT'], // no such option
      [right.map((a, i) => (i === 1 ? -1 : a)), 'INVALID_INPUT'],
      [right.map((a, i) => (i === 1 ? 1.5 : a)), 'INVALID_INPUT'],
      [{ [attempt.questions[0].id]: right[0] }, 'INVALID_INPUT'],
    ];
    for (const [answers, code] of bad) {
      const r = await submit('qz-F', attempt.attemptId, answers);
      expect([JSON.stringify(answers), r.error?.code]).toEqual([JSON.stringify(answers), code]);
    }
    expect((await b.emulator.db.get('quiz_attempts', attempt.attemptId))!.submitted).toBe(false);
    expect((await submit('qz-F', attempt.attemptId, right)).result.correctCount).toBe(5);
  });

  test('attempts a day are limited (no brute force), also when started concurrently; the next day resets', async () => {
    b.at(SESSION_DAY, '10:30');
    for (let i = 0; i < 3; i++) await startQuiz(b, 'qz-G');
    const fourth = await b.call('quiz', { action: 'start' }, { openid: 'qz-G' });
    expect(fourth.error?.code).toBe('QUIZ_LIMIT');
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => b.call('quiz', { action: 'start' }, { openid: 'qz-H' })),
    );
    expect(burst.filter((r) => r.status === 200)).toHaveLength(3);
    expect(burst.filter((r) => r.error?.code === 'QUIZ_LIMIT')).toHaveLength(5);
    expect(await b.count('quiz_attempts', (a) => a.openid === 'qz-H')).toBe(3);
    b.at(NEXT_DAY, '10:30');
    expect((await b.call('quiz', { action: 'start' }, { openid: 'qz-H' })).status).toBe(200);
  });

  test('an attempt expires after its time limit', async () => {
    const t0 = b.at(SESSION_DAY, '11:00');
    const attempt = await startQuiz(b, 'qz-I');
    const right = await correctAnswers(
      b,
      attempt.questions.map((q) => q.id),
    );
    b.emulator.setClock({ now: t0 + 31 * 60_000, frozen: true });
    expect((await submit('qz-I', attempt.attemptId, right)).error?.code).toBe('QUIZ_ATTEMPT_INVALID');
    expect((await balance(b, 'qz-I')).balance).toBe(0);
  });

  test('quiz flowers are capped per day', async () => {
    b.at(SESSION_DAY, '10:30');
    expect((await takeQuiz(b, 'qz-J')).result.flowersEarned).toBe(1);
    expect((await takeQuiz(b, 'qz-J')).result).toMatchObject({ passed: true, flowersEarned: 0 });
    expect(await balance(b, 'qz-J')).toMatchObject({ balance: 1, earnedToday: { quiz: 1 } });
    b.at(NEXT_DAY, '10:30');
    expect((await takeQuiz(b, 'qz-J')).result.flowersEarned).toBe(1);
    expect((await balance(b, 'qz-J')).balance).toBe(2);
  });
});

describe('a crash after the quiz submit commits loses nothing', () => {
  const KILL_AFTER_CLAIM =
    'kill test: 10 friends die after the claim; a retry or their next start records each help once, each flower once';
  test(KILL_AFTER_CLAIM, async () => {
    b.at(SESSION_DAY, '15:00', { running: true });
    const P = 'p065';
    await b.donate('qk-inviter', P, 1000);
    const { shareId } = await share(b, 'qk-inviter', P);
    const friends = Array.from({ length: 10 }, (_, i) => `qk-friend-${i}`);
    const attempts = await Promise.all(friends.map((f) => startQuiz(b, f)));
    const died = await Promise.all(
      friends.map(async (f, i) => {
        const answers = await correctAnswers(
          b,
          attempts[i].questions.map((q) => q.id),
        );
        const event = { action: 'submit', attemptId: attempts[i].attemptId, answers, shareId };
        return b.emulator.invoke('quiz', event, { openid: f, env: { SHANXING_FAULT: 'quiz:afterCommit' } }).then(
          () => 'lived',
          (e) => String(e),
        );
      }),
    );
    expect(died.every((d) => /injected fault/.test(d))).toBe(true);
    // The flower committed with the claim; the help is owed.
    for (const f of friends) expect((await b.emulator.db.get('flower_accounts', f))?.balance).toBe(1);
    expect(await assistsOf(b, 'qk-inviter')).toHaveLength(0);
    expect(await b.count('quiz_attempts', (a) => a.assistPending === true)).toBe(10);
    // Half retry the submit (still refused as a replay), half simply start another quiz. (One after
    // another: the owed extra draws all land on the inviter's one donation, whose contention is not the point here.)
    const healed: Array<string | number | undefined> = [];
    for (const [i, f] of friends.entries()) {
      if (i % 2) healed.push((await b.call('quiz', { action: 'start' }, { openid: f })).status);
      else {
        const answers = await correctAnswers(
          b,
          attempts[i].questions.map((q) => q.id),
        );
        healed.push(
          (
            await b.call(
              'quiz',
              { action: 'submit', attemptId: attempts[i].attemptId, answers, shareId },
              { openid: f },
            )
          ).error?.code,
        );
      }
    }
    expect(healed).toEqual(friends.map((_, i) => (i % 2 ? 200 : 'QUIZ_ATTEMPT_INVALID')));
    // A second round of retries adds nothing.
    await Promise.all(friends.map((f) => b.call('quiz', { action: 'start' }, { openid: f })));
    const assists = await assistsOf(b, 'qk-inviter');
    expect(assists.map((a) => a.friend).sort()).toEqual([...friends].sort());
    expect(assists.every((a) => a.action === 'quiz' && a.drawPending === false)).toBe(true);
    expect(await b.count('quiz_attempts', (a) => a.assistPending === true)).toBe(0);
    for (const f of friends) {
      expect((await b.emulator.db.get('flower_accounts', f))?.balance).toBe(1);
      expect(await b.count('flower_events', (e) => e.openid === f && e.kind === 'earn')).toBe(1);
    }
  });
});

describe('flowers', () => {
  test('donating earns flowers within the daily cap', async () => {
    b.at(SESSION_DAY, '10:30');
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await b.donate('fl-A', 'p060', 100));
    const st = await Promise.all(orders.map((o) => b.status('fl-A', o)));
    expect(st.map((s) => s.flowersEarned)).toEqual([1, 1, 1, 0]);
    const bal = await balance(b, 'fl-A');
    expect(bal).toMatchObject({ balance: 3, earnedToday: { donate: 3, quiz: 0, steps: 0 } });
    expect(bal.history.filter((h: any) => h.kind === 'earn' && h.source === 'donate')).toHaveLength(3);
    b.at(NEXT_DAY, '10:30');
    await b.donate('fl-A', 'p060', 100);
    expect(await balance(b, 'fl-A')).toMatchObject({ balance: 4, earnedToday: { donate: 1 } });
  });

  test('a crash between the credit and its history line leaves neither; the next look credits both, once', async () => {
    b.at(SESSION_DAY, '12:10');
    const orderB = await b.donate('fl-crash3', 'p060', 100);
    process.env.SHANXING_FAULT = 'flowers:afterCredit';
    const died = await b.call('donate', { action: 'status', orderId: orderB }, { openid: 'fl-crash3' });
    delete process.env.SHANXING_FAULT;
    expect(died.error?.code).toBe('FUNCTION_ERROR');
    const bal = (await b.call('flowers', { action: 'balance' }, { openid: 'fl-crash3' })).result;
    expect(bal.balance).toBe(1);
    expect(bal.history.filter((h: any) => h.kind === 'earn')).toHaveLength(1);
  });

  test('give moves one flower: my balance down, the project up, a record in my history', async () => {
    b.at(SESSION_DAY, '10:30');
    await takeQuiz(b, 'fl-B');
    const project = async () => (await b.call('projects', { action: 'get', id: 'p061' }, { openid: 'viewer' })).result;
    const before = await project();
    const r = await b.call('flowers', { action: 'give', projectId: 'p061' }, { openid: 'fl-B' });
    expect(r.result).toMatchObject({ given: true, projectId: 'p061', balance: 0 });
    expect((await project()).flowers).toBe(before.flowers + 1);
    const bal = await balance(b, 'fl-B');
    expect(bal).toMatchObject({ balance: 0, given: 1 });
    expect(bal.history.find((h: any) => h.kind === 'give')).toMatchObject({
      source: 'gift',
      count: 1,
      projectId: 'p061',
      projectTitle: before.title, // the history names the project
    });
    expect(await b.count('flower_events', (e) => e.openid === 'fl-B' && e.kind === 'give')).toBe(1);

    const snap = await snapshot(b);
    const empty = await b.call('flowers', { action: 'give', projectId: 'p061' }, { openid: 'fl-B' });
    expect(empty.error?.code).toBe('FLOWERS_INSUFFICIENT');
    expect(await snapshot(b)).toEqual(snap);
    expect((await project()).flowers).toBe(before.flowers + 1);
  });

  test('a refusal for lack of flowers creates no account (a refusal changes nothing)', async () => {
    b.at(SESSION_DAY, '10:30');
    const accounts = await b.count('flower_accounts');
    const r = await b.call('flowers', { action: 'give', projectId: 'p061' }, { openid: 'fl-never-earned' });
    expect(r.error?.code).toBe('FLOWERS_INSUFFICIENT');
    expect(await b.emulator.db.get('flower_accounts', 'fl-never-earned')).toBeFalsy();
    expect(await b.count('flower_accounts')).toBe(accounts);
  });

  test('concurrent gives never overdraw: each success is one flower, one record, one project count', async () => {
    b.at(SESSION_DAY, '10:30'); // frozen clock: every give happens in the same millisecond
    for (const [who, has] of [
      ['fl-C', 1],
      ['fl-D', 3],
    ] as const) {
      await seedFlowers(b, who, has);
      const before = await projectCounter(b, 'p062');
      const results = await Promise.all(
        Array.from({ length: 6 }, () => b.call('flowers', { action: 'give', projectId: 'p062' }, { openid: who })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(has);
      expect(results.filter((r) => r.error?.code === 'FLOWERS_INSUFFICIENT')).toHaveLength(6 - has);
      expect(await b.emulator.db.get('flower_accounts', who)).toMatchObject({ balance: 0, given: has });
      expect((await projectCounter(b, 'p062')).flowers - before.flowers).toBe(has);
      expect(await b.count('flower_events', (e) => e.openid === who && e.kind === 'give')).toBe(has);
    }
  });

  test('an assist-page flower uses flowers earned by donating (credited lazily)', async () => {
    b.at(SESSION_DAY, '10:30');
    await b.donate('fl-E', 'p063', 100); // earns a flower, not yet credited
    await b.donate('fl-A2', 'p063', 100);
    const s = (await b.call('assist', { action: 'share', projectId: 'p063' }, { openid: 'fl-A2' })).result;
    const r = await b.call('assist', { action: 'flower', shareId: s.shareId }, { openid: 'fl-E' });
    expect(r.result).toMatchObject({ assisted: true });
    expect((await balance(b, 'fl-E')).balance).toBe(0);
  });

  describe('bad input gets a clear error code and changes nothing', () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['flowers: unknown action', 'flowers', { action: 'mint' }, 'UNKNOWN_ACTION'],
      ['flowers: extra field', 'flowers', { action: 'give', projectId: 'p064', count: 5 }, 'INVALID_INPUT'],
      ['flowers: client openid', 'flowers', { action: 'balance', openid: 'victim' }, 'CLIENT_OPENID_REJECTED'],
      ['flowers: unknown project', 'flowers', { action: 'give', projectId: 'p999' }, 'PROJECT_NOT_FOUND'],
      ['flowers: missing project', 'flowers', { action: 'give' }, 'INVALID_INPUT'],
      ['quiz: unknown action', 'quiz', { action: 'answers' }, 'UNKNOWN_ACTION'],
      ['quiz: extra field on start', 'quiz', { action: 'start', count: 50 }, 'INVALID_INPUT'],
      ['quiz: client openid', 'quiz', { action: 'start', _openid: 'victim' }, 'CLIENT_OPENID_REJECTED'],
      ['quiz: answers not an array', 'quiz', { action: 'submit', attemptId: 'qaX', answers: 'ABCDA' }, 'INVALID_INPUT'],
      [
        'quiz: extra field on submit',
        'quiz',
        { action: 'submit', attemptId: 'qaX', answers: [0], passed: true },
        'INVALID_INPUT',
      ],
    ];
    test.each(cases)('%s', async (_name, fn, data, code) => {
      b.at(SESSION_DAY, '12:00');
      await seedFlowers(b, 'bad-Q', 2);
      const before = await snapshot(b);
      const r = await b.call(fn, data, { openid: 'bad-Q' });
      expect(r.status).toBe(400);
      expect(r.error?.code).toBe(code);
      expect(await snapshot(b)).toEqual(before);
    });
  });
});
