/** The public-welfare quiz: draw questions, hide answers until submit, grade server-side. */
import type { Rng } from './rng';

export interface QuizQuestion {
  id: string;
  text: string;
  options: string[];
  answer: number;
  explanation: string;
  topic: string;
}

export type PublicQuestion = Pick<QuizQuestion, 'id' | 'text' | 'options' | 'topic'>;

/** `n` distinct questions (partial Fisher–Yates with the injected rng). */
export function drawQuestions(bank: readonly QuizQuestion[], n: number, rng: Rng): QuizQuestion[] {
  const pool = [...bank];
  const count = Math.min(n, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/** What the client may see before submitting: no answer, no explanation. */
export const publicQuestion = (q: QuizQuestion): PublicQuestion => ({
  id: q.id,
  text: q.text,
  options: q.options,
  topic: q.topic,
});

export interface GradeResult {
  correctCount: number;
  passed: boolean;
  results: Array<{ id: string; correct: boolean; chosen: number; answer: number; explanation: string }>;
}

export function grade(questions: readonly QuizQuestion[], answers: readonly number[], passMark: number): GradeResult {
  const results = questions.map((q, i) => ({
    id: q.id,
    correct: answers[i] === q.answer,
    chosen: answers[i],
    answer: q.answer,
    explanation: q.explanation,
  }));
  const correctCount = results.filter((r) => r.correct).length;
  return { correctCount, passed: correctCount >= passMark, results };
}

/** Attempts left today (never negative). */
export const attemptsLeft = (attemptsToday: number, attemptsPerDay: number): number =>
  Math.max(0, attemptsPerDay - attemptsToday);

/** True while another attempt may start today. */
export const canAttempt = (attemptsToday: number, attemptsPerDay: number): boolean =>
  attemptsLeft(attemptsToday, attemptsPerDay) > 0;

/** An attempt's questions expire `ttlMinutes` after it started (a submit after that is refused). */
export const attemptExpired = (startedAtMs: number, nowMs: number, ttlMinutes: number): boolean =>
  nowMs - startedAtMs > ttlMinutes * 60_000;

/**
 * Why a set of answers does not fit an attempt (null when it does): exactly one answer per drawn
 * question, in order, each the index of one of that question's options.
 */
export function answersProblem(
  questions: ReadonlyArray<Pick<QuizQuestion, 'options'>>,
  answers: readonly number[],
): string | null {
  if (answers.length !== questions.length) return `需要 ${questions.length} 个答案，收到 ${answers.length} 个`;
  const bad = answers.findIndex((a, i) => !Number.isInteger(a) || a < 0 || a >= questions[i].options.length);
  return bad >= 0 ? `第 ${bad + 1} 题没有这个选项` : null;
}
