import { evaluateAssist, makeShareId } from '@domain/assist';
import { canGive, flowersFor } from '@domain/flowers';
import { attemptExpired, canAttempt, drawQuestions, grade, publicQuestion, type QuizQuestion } from '@domain/quiz';
import { seededRng } from '@domain/rng';
import { CHONGQING_2022 as C } from '@domain/settings';
import { isEligible, pickSponsor, stepAmount, todaySteps } from '@domain/steps';
import { beijingMs } from '@domain/time';
import { topupDue } from '@domain/topup';

describe('assist', () => {
  const base = {
    inviter: 'oA',
    friend: 'oB',
    projectId: 'p1',
    day: '2022-04-27',
    alreadyCountedToday: false,
    friendAssistsToday: 0,
    inviterDonation: { orderId: 'SX1', extraDraws: 0 },
    settings: C,
  };
  it('counts a first assist and adds a draw', () =>
    expect(evaluateAssist(base)).toEqual({ counts: true, extraDraw: true }));
  it('no self-assist', () =>
    expect(evaluateAssist({ ...base, friend: 'oA' })).toMatchObject({ counts: false, extraDraw: false }));
  it('once per inviter × project × day', () =>
    expect(evaluateAssist({ ...base, alreadyCountedToday: true }).counts).toBe(false));
  it('friend daily limit: 29 ok, 30 refused', () => {
    expect(evaluateAssist({ ...base, friendAssistsToday: 29 }).counts).toBe(true);
    expect(evaluateAssist({ ...base, friendAssistsToday: 30 }).counts).toBe(false);
  });
  it('inviter must have donated; extra draws capped per donation', () => {
    expect(evaluateAssist({ ...base, inviterDonation: null }).extraDraw).toBe(false);
    expect(evaluateAssist({ ...base, inviterDonation: { orderId: 'SX1', extraDraws: 4 } }).extraDraw).toBe(true);
    expect(evaluateAssist({ ...base, inviterDonation: { orderId: 'SX1', extraDraws: 5 } }).extraDraw).toBe(false);
  });
  it('share ids are opaque, link-safe and seeded', () => {
    const id = makeShareId(seededRng(1));
    expect(id).toMatch(/^[0-9A-Za-z_-]{8,64}$/);
    expect(id).not.toContain('oA');
    expect(makeShareId(seededRng(1))).toBe(id);
  });
});

describe('quiz', () => {
  const bank: QuizQuestion[] = Array.from({ length: 12 }, (_, i) => ({
    id: `q${i}`,
    text: `Q${i}`,
    options: ['a', 'b', 'c', 'd'],
    answer: i % 4,
    explanation: `E${i}`,
    topic: 't',
  }));
  it('draws distinct questions, deterministic by seed', () => {
    const qs = drawQuestions(bank, 5, seededRng('q'));
    expect(new Set(qs.map((q) => q.id)).size).toBe(5);
    expect(drawQuestions(bank, 5, seededRng('q'))).toEqual(qs);
    expect(drawQuestions(bank, 50, seededRng('q'))).toHaveLength(12);
  });
  it('public questions hide answer and explanation', () => {
    const p = publicQuestion(bank[0]) as Record<string, unknown>;
    expect(p.answer).toBeUndefined();
    expect(p.explanation).toBeUndefined();
  });
  it('grades with the pass mark (4 of 5)', () => {
    const qs = bank.slice(0, 5);
    const right = qs.map((q) => q.answer);
    expect(grade(qs, right, C.quiz.passMark)).toMatchObject({ correctCount: 5, passed: true });
    expect(grade(qs, [...right.slice(0, 4), 9], C.quiz.passMark)).toMatchObject({ correctCount: 4, passed: true });
    const three = grade(qs, [...right.slice(0, 3), 9, 9], C.quiz.passMark);
    expect(three).toMatchObject({ correctCount: 3, passed: false });
    expect(three.results[4]).toMatchObject({ id: 'q4', correct: false, answer: 0, explanation: 'E4' });
  });
  it('attempts per day and expiry', () => {
    expect(canAttempt(2, C.quiz.attemptsPerDay)).toBe(true);
    expect(canAttempt(3, C.quiz.attemptsPerDay)).toBe(false);
    expect(attemptExpired(0, 30 * 60_000, 30)).toBe(false);
    expect(attemptExpired(0, 30 * 60_000 + 1, 30)).toBe(true);
  });
});

describe('flowers', () => {
  it('honours daily caps per source', () => {
    expect(flowersFor('donate', {}, C)).toBe(1);
    expect(flowersFor('donate', { donate: 2 }, C)).toBe(1);
    expect(flowersFor('donate', { donate: 3 }, C)).toBe(0);
    expect(flowersFor('quiz', { donate: 3 }, C)).toBe(1);
    expect(flowersFor('quiz', { quiz: 1 }, C)).toBe(0);
    expect(flowersFor('steps', { steps: 1 }, C.flowers)).toBe(0);
  });
  it('a give never makes a balance negative', () => {
    expect(canGive(3, 3)).toBe(true);
    expect(canGive(3, 4)).toBe(false);
    expect(canGive(3, 0)).toBe(false);
    expect(canGive(3, 1.5)).toBe(false);
  });
});

describe('steps', () => {
  // WeRun timestamps: seconds at Beijing midnight of each day.
  const midnight = (d: string) => beijingMs(d, '00:00') / 1000;
  const list = [
    { timestamp: midnight('2022-04-26'), step: 12_000 },
    { timestamp: midnight('2022-04-27'), step: 6_000 },
  ];
  it("picks today's Beijing entry at the midnight edges", () => {
    expect(todaySteps(list, beijingMs('2022-04-27', '00:00'))).toBe(6_000);
    expect(todaySteps(list, beijingMs('2022-04-27', '00:00') - 1)).toBe(12_000);
    expect(todaySteps(list, beijingMs('2022-04-27', '24:00') - 1)).toBe(6_000);
    expect(todaySteps(list, beijingMs('2022-04-28', '00:00'))).toBe(0);
  });
  it('5999 vs 6000', () => {
    expect(isEligible(5_999, C.steps.threshold)).toBe(false);
    expect(isEligible(6_000, C.steps.threshold)).toBe(true);
  });
  it('weights sponsors by budget left and skips empty ones', () => {
    const rng = seededRng('s');
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    const sponsors = [
      { id: 'a', leftFen: 3_000 },
      { id: 'b', leftFen: 1_000 },
      { id: 'c', leftFen: 0 },
    ];
    for (let i = 0; i < 8_000; i++) counts[pickSponsor(sponsors, rng)!]++;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.6);
    expect(counts.a / counts.b).toBeLessThan(3.4);
    expect(pickSponsor([{ id: 'x', leftFen: 0 }], rng)).toBeNull();
  });
  it('amounts are integers in [min, max] and never above what is left', () => {
    const rng = seededRng('amt');
    for (let i = 0; i < 1_000; i++) {
      const a = stepAmount(rng, C.steps, 10_000);
      expect(Number.isInteger(a) && a >= C.steps.minFen && a <= C.steps.maxFen).toBe(true);
      expect(stepAmount(rng, C.steps, 120)).toBeLessThanOrEqual(120);
    }
    expect(stepAmount(rng, C.steps, 0)).toBe(0);
  });
});

describe('top-up', () => {
  it('floors the ratio and settles only the difference', () => {
    expect(topupDue(123_459, 0, 1_000)).toBe(12_345);
    expect(topupDue(123_459, 12_000, 1_000)).toBe(345);
    expect(topupDue(100_000, 12_000, 1_000)).toBe(0); // refunds never claw back here
    expect(() => topupDue(10.5, 0, 1_000)).toThrow();
  });
});
