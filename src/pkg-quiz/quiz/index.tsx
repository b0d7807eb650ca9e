/**
 * 公益答题 (?shareId=… optional): quiz.start draws the questions (no answers sent), the user picks one option
 * per question, quiz.submit grades them; the result shows the score, the flower earned, each explanation and,
 * when opened from a friend's invitation, whether it counted as help.
 */
import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useQuiz } from '@/stores/quiz';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { primaryBg } from '@/utils/theme';
import type { QuizQuestionResult } from '@domain/api';
import StateView from '@/components/StateView';
import { ASSISTED_TEXT, assistReasonText, extraDrawText } from '@/utils/assist';
import './index.scss';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];

/** Right option index of a graded question, whatever the grader calls it. */
const rightIndex = (r: QuizQuestionResult | undefined): number | undefined => r?.answer;

export default function Quiz() {
  const shareId = decodeURIComponent(useRouter().params.shareId ?? '') || undefined;
  const { attempt, answers, result, loading, submitting, error, start, choose, submit } = useQuiz();
  const campaign = useCampaign((s) => s.campaign);
  useEffect(ensureCampaign, []);

  useEffect(() => {
    // Keep an unfinished attempt (and its answers) when coming back; a finished one starts afresh.
    const s = useQuiz.getState();
    if (!s.attempt || s.result) void start();
  }, [start]);

  // The verdict is at the top, the submit button at the bottom: bring the result into view once graded.
  useEffect(() => {
    if (result) void Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 200 })).catch(() => undefined);
  }, [result]);

  if (!attempt) {
    if (error?.code === 'QUIZ_LIMIT')
      return (
        <View className="quiz quiz--limit">
          <StateView kind="empty" text="今日答题次数已用完，明天再来吧" />
          <Button
            className="quiz__back"
            onClick={() => Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/index/index' }))}
          >
            返回
          </Button>
        </View>
      );
    return error ? <StateView kind="error" text={error.message} onRetry={start} /> : <StateView kind="loading" />;
  }

  const answered = answers.filter((a) => a !== null).length;
  const total = attempt.questions.length;

  return (
    <View className="quiz">
      <View className="quiz__head">
        <View className="quiz__title">公益知识答题</View>
        <View className="quiz__sub">
          共{total}题，答对{attempt.passMark}题即通过，通过可得小红花{shareId ? '，并为好友助力' : ''} · 今日还可答
          {attempt.attemptsLeft}次
        </View>
      </View>

      {result && (
        <View className={`quiz-result ${result.passed ? 'quiz-result--passed' : 'quiz-result--failed'}`}>
          <View className="quiz-result__score">
            答对 {result.correctCount}/{result.total} 题 ·{' '}
            {result.passed ? '通过' : `未通过（需答对${attempt.passMark}题）`}
          </View>
          <View className="quiz-result__flowers">
            {result.flowersEarned > 0
              ? `获得小红花 🌸×${result.flowersEarned}`
              : result.passed
                ? '今日答题小红花已达上限'
                : '通过答题可获得小红花'}
          </View>
          {shareId && (
            <View className="quiz-result__assist">
              {result.assisted
                ? ASSISTED_TEXT
                : result.assistReason
                  ? `未能助力：${assistReasonText(result.assistReason)}`
                  : '本次答题未计入助力'}
              {extraDrawText(result.extraDraw) && (
                <View className="quiz-result__extra">{extraDrawText(result.extraDraw)}</View>
              )}
            </View>
          )}
        </View>
      )}

      {attempt.questions.map((q, qi) => {
        const graded = result?.results[qi];
        const right = rightIndex(graded);
        return (
          <View
            key={q.id}
            className={
              'quiz-question ' + (graded ? (graded.correct ? 'quiz-question--correct' : 'quiz-question--wrong') : '')
            }
            data-index={qi}
          >
            <View className="quiz-question__text">
              {qi + 1}. {q.text}
            </View>
            {q.options.map((opt, oi) => {
              const chosen = answers[qi] === oi;
              const cls = [
                'quiz-option',
                chosen ? 'quiz-option--chosen' : '',
                graded && right === oi ? 'quiz-option--right' : '',
                graded && chosen && right !== undefined && right !== oi ? 'quiz-option--wrong' : '',
              ].join(' ');
              return (
                <View
                  key={oi}
                  className={cls}
                  data-index={oi}
                  role="radio"
                  aria-checked={chosen}
                  onClick={() => choose(qi, oi)}
                >
                  <View className="quiz-option__radio">{chosen ? '●' : '○'}</View>
                  <View className="quiz-option__text">
                    {LETTERS[oi]}. {opt}
                  </View>
                </View>
              );
            })}
            {graded && (
              <View className="quiz-explanation">
                <View className="quiz-explanation__verdict">
                  {graded.correct ? '回答正确' : `回答错误${right !== undefined ? `，正确答案 ${LETTERS[right]}` : ''}`}
                </View>
                {graded.explanation && <View>{graded.explanation}</View>}
              </View>
            )}
          </View>
        );
      })}

      {error && (
        <View className="quiz__error">
          {error.message}
          {error.code === 'QUIZ_ATTEMPT_INVALID' && (
            <Button size="mini" className="quiz-restart" onClick={() => void start()}>
              重新开始
            </Button>
          )}
        </View>
      )}
      {!result ? (
        <Button
          className="quiz-submit"
          style={primaryBg(campaign)}
          disabled={answered < total || submitting || undefined}
          onClick={() => void submit(shareId)}
        >
          {answered < total ? `已答 ${answered}/${total}` : submitting ? '提交中…' : '提交答案'}
        </Button>
      ) : (
        <View className="quiz__actions">
          {shareId ? (
            <Button className="quiz__back" onClick={() => Taro.navigateBack()}>
              返回助力页
            </Button>
          ) : (
            attempt.attemptsLeft > 0 && (
              <Button className="quiz-again" disabled={loading || undefined} onClick={() => void start()}>
                再答一次
              </Button>
            )
          )}
          <Button className="quiz__me" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            查看我的小红花
          </Button>
        </View>
      )}
    </View>
  );
}
