/**
 * `quiz`: the public-welfare quiz. `start` draws questions server-side and sends them without answers;
 * `submit` grades once per attempt (a transaction claims it and credits a flower on a pass), and when
 * taken from a friend's assist link, counts as help — owed until recorded, so a crash cannot lose it.
 * Attempts a day are capped, so guessing is limited.
 */
import { quizInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import {
  answersProblem,
  attemptExpired,
  attemptsLeft,
  canAttempt,
  drawQuestions,
  grade,
  publicQuestion,
  type QuizQuestion,
} from '../../../domain/quiz';
import { randomToken, userDayId } from '../../../domain/ids';
import { beijingDate } from '../../../domain/time';
import type { QuizAssistReason } from '../../../domain/api';
import { defineFunction } from '../../_lib/handler';
import { db, readAll } from '../../_lib/cloud';
import { cryptoRng, rngFor } from '../../_lib/clock';
import { loadSettings } from '../../_lib/campaign';
import { C, type QuizAttemptDoc, type QuizDayDoc } from '../../_lib/collections';
import { creditFlowerTx } from '../../_lib/flowers';
import { faultPoint } from '../../_lib/fault';
import { runMoneyTx } from '../../_lib/moneyTx';
import { loadShare, recordAssist, type AssistResult } from '../../_lib/assistFlow';

/** Each campaign's question bank, kept for the instance's life (one or two campaigns per deployment). */
const banks = new Map<string, QuizQuestion[]>();

async function loadBank(campaignId: string): Promise<QuizQuestion[]> {
  const cached = banks.get(campaignId);
  if (cached) return cached;
  const stored = await readAll<QuizQuestion & { _id: string }>(C.quizBank, { campaignId });
  const bank = stored.map(({ _id, ...q }) => ({ ...q, id: _id }));
  banks.set(campaignId, bank);
  return bank;
}

/**
 * The help a passed quiz owes through a friend's link, recorded once: keyed by the submit's own time
 * (the same assist id on every retry), then the attempt's `assistPending` is cleared. Run by the submit
 * itself, by a retry of it, and by the user's next `start` — whichever comes first after a crash.
 */
async function finishQuizAssist(attempt: QuizAttemptDoc, nowMs: number): Promise<AssistResult | null> {
  if (!attempt.assistPending || !attempt.shareId) return null;
  const share = await loadShare(attempt.shareId);
  const result = await recordAssist(share, attempt.openid, 'quiz', nowMs, attempt.submittedAt ?? nowMs);
  await db()
    .collection(C.quizAttempts)
    .where({ _id: attempt._id, assistPending: true })
    .update({ data: { assistPending: false } });
  return result;
}

async function finishPendingQuizAssists(openid: string, nowMs: number): Promise<void> {
  const { data } = await db().collection(C.quizAttempts).where({ openid, assistPending: true }).limit(10).get();
  for (const attempt of data as QuizAttemptDoc[]) await finishQuizAssist(attempt, nowMs);
}

export const main = defineFunction({
  name: 'quiz',
  schema: quizInput,
  actions: {
    async start(_input, ctx) {
      await finishPendingQuizAssists(ctx.openid, ctx.nowMs);
      const settings = await loadSettings();
      const day = beijingDate(ctx.nowMs);
      const cap = settings.quiz.attemptsPerDay;
      const attemptId = `qa${randomToken(cryptoRng, 20)}`;
      const questions = drawQuestions(
        await loadBank(settings.id),
        settings.quiz.questionsPerAttempt,
        rngFor(`quiz:${attemptId}`),
      );
      const attempt: QuizAttemptDoc = {
        _id: attemptId,
        campaignId: settings.id,
        openid: ctx.openid,
        day,
        questionIds: questions.map((q) => q.id),
        createdAt: ctx.nowMs,
        expiresAt: ctx.nowMs + settings.quiz.attemptTtlMinutes * 60_000,
        submitted: false,
      };
      // The day's count and the attempt commit together: concurrent starts cannot exceed the cap.
      const used = await runMoneyTx(async (tx) => {
        const dayRef = tx.collection(C.quizDays).doc(userDayId(settings.id, ctx.openid, day));
        const count = ((await dayRef.get()).data as QuizDayDoc | null)?.count ?? 0;
        if (!canAttempt(count, cap)) throw new DomainError(ErrorCode.QUIZ_LIMIT, `每天最多答题 ${cap} 次`);
        await dayRef.set({ data: { count: count + 1 } });
        const { _id, ...fields } = attempt;
        await tx.collection(C.quizAttempts).doc(_id).set({ data: fields });
        return count + 1;
      });
      return {
        attemptId,
        questions: questions.map(publicQuestion),
        passMark: settings.quiz.passMark,
        attemptsLeft: attemptsLeft(used, cap),
      };
    },

    async submit(input, ctx) {
      const settings = await loadSettings();
      const attempt = (await db().collection(C.quizAttempts).doc(input.attemptId).get()).data as QuizAttemptDoc | null;
      // An attempt is submitted in its own campaign (pass its campaignId, or a share link of that campaign).
      if (!attempt || attempt.openid !== ctx.openid || (attempt.campaignId ?? settings.id) !== settings.id)
        throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '答题记录无效');
      const submitted = () => new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '本次答题已提交');
      if (attempt.submitted) {
        // A retry after a crash: what the submit owed is finished (once) before the replay is refused.
        await finishQuizAssist(attempt, ctx.nowMs);
        throw submitted();
      }
      if (attemptExpired(attempt.createdAt, ctx.nowMs, settings.quiz.attemptTtlMinutes))
        throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '答题已超时');
      const bank = new Map((await loadBank(settings.id)).map((q) => [q.id, q]));
      const questions = attempt.questionIds.map((id) => bank.get(id));
      if (questions.some((q) => !q)) throw new DomainError(ErrorCode.QUIZ_ATTEMPT_INVALID, '题目已更新，请重新答题');
      const drawn = questions as QuizQuestion[];
      const problem = answersProblem(drawn, input.answers);
      if (problem) throw new DomainError(ErrorCode.INVALID_INPUT, problem);
      const share = input.shareId ? await loadShare(input.shareId) : null;
      const graded = grade(drawn, input.answers, settings.quiz.passMark);
      // Only a passed quiz is help: otherwise clicking through random answers would farm assists.
      const owesAssist = !!share && graded.passed && share.inviter !== ctx.openid;
      // Claim the attempt and credit its flower in one transaction (a replay or a concurrent double
      // submit finds it submitted); the help it owes is marked pending in the same write.
      const claimed: QuizAttemptDoc | null = await runMoneyTx(async (tx) => {
        const ref = tx.collection(C.quizAttempts).doc(attempt._id);
        if (((await ref.get()).data as QuizAttemptDoc | null)?.submitted !== false) return null;
        const flowersEarned = graded.passed
          ? await creditFlowerTx(tx, {
              settings,
              openid: ctx.openid,
              source: 'quiz',
              key: attempt._id,
              day: beijingDate(ctx.nowMs),
              nowMs: ctx.nowMs,
            })
          : 0;
        const fields = {
          submitted: true,
          correctCount: graded.correctCount,
          passed: graded.passed,
          submittedAt: ctx.nowMs,
          shareId: share?._id ?? null,
          flowersEarned,
          assistPending: owesAssist,
        };
        await ref.update({ data: fields });
        return { ...attempt, ...fields };
      });
      if (!claimed) throw submitted();
      faultPoint('quiz:afterCommit'); // crash tests: the owed help is finished by a retry or the next start
      const flowersEarned = claimed.flowersEarned ?? 0;
      let assistReason: QuizAssistReason | undefined;
      let assist: AssistResult | null = null;
      if (share?.inviter === ctx.openid) assistReason = 'self';
      else if (share && !graded.passed) assistReason = 'quiz_not_passed';
      else if (share) {
        assist = await finishQuizAssist(claimed, ctx.nowMs);
        assistReason = assist?.reason;
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
