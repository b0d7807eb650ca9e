/**
 * `quiz`: the public-welfare quiz. `start` draws questions server-side and sends them without answers;
 * `submit` grades once per attempt (a guarded update claims it), credits a flower on a pass, and when
 * taken from a friend's assist link, counts as help. Attempts a day are capped, so guessing is limited.
 */
import { quizInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { drawQuestions, grade, publicQuestion, type QuizQuestion } from '../../../domain/quiz';
import { randomToken } from '../../../domain/ids';
import { beijingDate } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import { db } from '../../_lib/cloud';
import { cryptoRng, rngFor } from '../../_lib/clock';
import { loadSettings } from '../../_lib/campaign';
import { C, type QuizAttemptDoc } from '../../_lib/collections';
import { creditFlower } from '../../_lib/flowers';
import { loadShare, recordAssist } from '../../_lib/assistFlow';

let bankCache: QuizQuestion[] | null = null;

async function loadBank(): Promise<QuizQuestion[]> {
  if (bankCache) return bankCache;
  const all: QuizQuestion[] = [];
  for (let skip = 0; ; skip += 100) {
    const { data } = await db().collection(C.quizBank).orderBy('_id', 'asc').skip(skip).limit(100).get();
    all.push(...(data as Array<QuizQuestion & { _id: string }>).map(({ _id, ...q }) => ({ ...q, id: _id })));
    if (data.length < 100) break;
  }
  bankCache = all;
  return all;
}

export const main = defineFunction({
  name: 'quiz',
  schema: quizInput,
  actions: {
    async start(_input, ctx) {
      const settings = await loadSettings();
      const day = beijingDate(ctx.nowMs);
      const { total } = await db().collection(C.quizAttempts).where({ openid: ctx.openid, day }).count();
      if (total >= settings.quiz.attemptsPerDay) throw new DomainError(ErrorCode.QUIZ_LIMIT, `每天最多答题 ${settings.quiz.attemptsPerDay} 次`);
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
      await db().collection(C.quizAttempts).add({ data: attempt });
      return { attemptId, questions: questions.map(publicQuestion), passMark: settings.quiz.passMark, attemptsLeft: settings.quiz.attemptsPerDay - total - 1 };
    },

    async submit(input, ctx) {
      const settings = await loadSettings();
      const attempt = (await db().collection(C.quizAttempts).doc(input.attemptId).get()).data as QuizAttemptDoc | null;
      if (!attempt || attempt.openid !== ctx.openid) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '答题记录无效');
      if (attempt.submitted) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '本次答题已提交');
      if (attempt.expiresAt < ctx.nowMs) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '答题已超时');
      if (input.answers.length !== attempt.questionIds.length) throw new DomainError(ErrorCode.INVALID_INPUT, `需要 ${attempt.questionIds.length} 个答案`);
      const share = input.shareId ? await loadShare(input.shareId) : null;
      const bank = new Map((await loadBank()).map((q) => [q.id, q]));
      const questions = attempt.questionIds.map((id) => bank.get(id)!);
      const graded = grade(questions, input.answers, settings.quiz.passMark);
      // Claim the attempt: a replay or a concurrent double submit finds it submitted.
      const claim = await db()
        .collection(C.quizAttempts)
        .where({ _id: attempt._id, submitted: false })
        .update({ data: { submitted: true, correctCount: graded.correctCount, passed: graded.passed, submittedAt: ctx.nowMs, shareId: share?._id ?? null } });
      if (claim.stats.updated !== 1) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '本次答题已提交');
      const flowersEarned = graded.passed
        ? await creditFlower({ settings, openid: ctx.openid, source: 'quiz', key: attempt._id, day: beijingDate(ctx.nowMs), nowMs: ctx.nowMs })
        : 0;
      const assist = share && share.inviter !== ctx.openid ? await recordAssist(share, ctx.openid, 'quiz', ctx.nowMs) : null;
      return {
        correctCount: graded.correctCount,
        total: questions.length,
        passed: graded.passed,
        flowersEarned,
        results: graded.results,
        assisted: assist?.assisted ?? false,
        extraDraw: assist?.extraDraw ?? null,
        ...(share?.inviter === ctx.openid ? { assistReason: 'self' } : assist?.reason ? { assistReason: assist.reason } : {}),
      };
    },
  },
});
