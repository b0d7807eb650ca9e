/**
 * `quiz`: the public-welfare quiz. `start` draws questions server-side and sends them without answers;
 * `submit` grades once per attempt (a guarded update claims it), credits a flower on a pass, and when
 * taken from a friend's assist link, counts as help. Attempts a day are capped, so guessing is limited.
 */
import { quizInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { answersProblem, attemptExpired, attemptsLeft, canAttempt, drawQuestions, grade, publicQuestion, type QuizQuestion } from '../../../domain/quiz';
import { randomToken, userKey } from '../../../domain/ids';
import { beijingDate } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import { db, readAll } from '../../_lib/cloud';
import { cryptoRng, rngFor } from '../../_lib/clock';
import { loadSettings } from '../../_lib/campaign';
import { C, type QuizAttemptDoc, type QuizDayDoc } from '../../_lib/collections';
import { creditFlower } from '../../_lib/flowers';
import { loadShare, recordAssist, type AssistResult } from '../../_lib/assistFlow';

let bankCache: QuizQuestion[] | null = null;

async function loadBank(): Promise<QuizQuestion[]> {
  if (bankCache) return bankCache;
  const stored = await readAll<QuizQuestion & { _id: string }>(C.quizBank);
  bankCache = stored.map(({ _id, ...q }) => ({ ...q, id: _id }));
  return bankCache;
}

export const main = defineFunction({
  name: 'quiz',
  schema: quizInput,
  actions: {
    async start(_input, ctx) {
      const settings = await loadSettings();
      const day = beijingDate(ctx.nowMs);
      const cap = settings.quiz.attemptsPerDay;
      const attemptId = `qa${randomToken(cryptoRng, 20)}`;
      const questions = drawQuestions(await loadBank(), settings.quiz.questionsPerAttempt, rngFor(`quiz:${attemptId}`));
      const attempt: QuizAttemptDoc = {
        _id: attemptId,
        openid: ctx.openid,
        day,
        questionIds: questions.map((q) => q.id),
        createdAt: ctx.nowMs,
        expiresAt: ctx.nowMs + settings.quiz.attemptTtlMinutes * 60_000,
        submitted: false,
      };
      // The day's count and the attempt commit together: concurrent starts cannot exceed the cap.
      const used = await db().runTransaction(async (tx) => {
        const dayRef = tx.collection(C.quizDays).doc(`${userKey(ctx.openid)}_${day}`);
        const count = ((await dayRef.get()).data as QuizDayDoc | null)?.count ?? 0;
        if (!canAttempt(count, cap)) throw new DomainError(ErrorCode.QUIZ_LIMIT, `每天最多答题 ${cap} 次`);
        await dayRef.set({ data: { count: count + 1 } });
        const { _id, ...fields } = attempt;
        await tx.collection(C.quizAttempts).doc(_id).set({ data: fields });
        return count + 1;
      });
      return { attemptId, questions: questions.map(publicQuestion), passMark: settings.quiz.passMark, attemptsLeft: attemptsLeft(used, cap) };
    },

    async submit(input, ctx) {
      const settings = await loadSettings();
      const attempt = (await db().collection(C.quizAttempts).doc(input.attemptId).get()).data as QuizAttemptDoc | null;
      if (!attempt || attempt.openid !== ctx.openid) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '答题记录无效');
      if (attempt.submitted) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '本次答题已提交');
      if (attemptExpired(attempt.createdAt, ctx.nowMs, settings.quiz.attemptTtlMinutes)) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '答题已超时');
      const bank = new Map((await loadBank()).map((q) => [q.id, q]));
      const questions = attempt.questionIds.map((id) => bank.get(id));
      if (questions.some((q) => !q)) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '题目已更新，请重新答题');
      const drawn = questions as QuizQuestion[];
      const problem = answersProblem(drawn, input.answers);
      if (problem) throw new DomainError(ErrorCode.INVALID_INPUT, problem);
      const share = input.shareId ? await loadShare(input.shareId) : null;
      const graded = grade(drawn, input.answers, settings.quiz.passMark);
      // Claim the attempt: a replay or a concurrent double submit finds it submitted.
      const claim = await db()
        .collection(C.quizAttempts)
        .where({ _id: attempt._id, submitted: false })
        .update({ data: { submitted: true, correctCount: graded.correctCount, passed: graded.passed, submittedAt: ctx.nowMs, shareId: share?._id ?? null } });
      if (claim.stats.updated !== 1) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '本次答题已提交');
      const flowersEarned = graded.passed
        ? await creditFlower({ settings, openid: ctx.openid, source: 'quiz', key: attempt._id, day: beijingDate(ctx.nowMs), nowMs: ctx.nowMs })
        : 0;
      // Only a passed quiz is help: otherwise clicking through random answers would farm assists.
      let assistReason: string | undefined;
      let assist: AssistResult | null = null;
      if (share?.inviter === ctx.openid) assistReason = 'self';
      else if (share && !graded.passed) assistReason = 'quiz_not_passed';
      else if (share) {
        assist = await recordAssist(share, ctx.openid, 'quiz', ctx.nowMs);
        assistReason = assist.reason;
      }
      return {
        correctCount: graded.correctCount,
        total: drawn.length,
        passed: graded.passed,
        flowersEarned,
        results: graded.results,
        assisted: assist?.assisted ?? false,
        extraDraw: assist?.extraDraw ?? null,
        ...(assistReason ? { assistReason } : {}),
      };
    },
  },
});
