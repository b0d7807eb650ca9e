/**
 * Every rule sentence a screen shows, worded from the campaign's own numbers: the app names no session,
 * date, time or amount of its own. Pure (no store, no Taro), unit-tested with two campaigns in
 * tests/unit/rules-text.test.ts.
 */
import type { AssistAction, CampaignView, NoMatchReason } from '@domain/api';

type Campaign = CampaignView;

/** 100 → "1", 150 → "1.5", 5 → "0.05": a yuan figure inside a sentence (no ¥, no trailing zeros). */
export function yuanFigure(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return cents ? `${yuan}.${cents}` : String(yuan);
}

/** 5_000_000_000 → "5000万"; sums under 10,000 yuan stay in yuan. */
export function wanFigure(fen: number): string {
  return fen >= 1_000_000 ? `${yuanFigure(Math.round(fen / 10_000))}万` : yuanFigure(fen);
}

/** "YYYY-MM-DD" → "M月D日" */
export function monthDay(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

/** Inclusive dates: "5月20日—22日", across months "5月30日—6月1日", one day "5月20日". */
export function dateRange(start: string, end: string): string {
  if (start === end) return monthDay(start);
  const sameMonth = start.slice(0, 7) === end.slice(0, 7);
  return `${monthDay(start)}—${sameMonth ? `${Number(end.slice(8))}日` : monthDay(end)}`;
}

/** The festival's (match) days. */
export const matchDates = (c: Campaign) => dateRange(c.startDate, c.endDate);
/** 一块走's days (may start in the warm-up). */
export const stepsDates = (c: Campaign) => dateRange(c.steps.startDate, c.steps.endDate);

/** "每天HH:mm起" or, for a window closing before midnight, "每天HH:mm—HH:mm". */
export function matchWindow(c: Campaign): string {
  return c.matchClosesAt === '24:00' ? `每天${c.matchOpensAt}起` : `每天${c.matchOpensAt}—${c.matchClosesAt}`;
}

const minMatchYuan = (c: Campaign) => yuanFigure(c.match.minDonationFen);

export function matchRule(c: Campaign): string {
  return (
    `${matchDates(c)}${matchWindow(c)}，单笔捐款满${minMatchYuan(c)}元即有机会获得随机金额配捐（配捐总额${wanFigure(c.match.poolFen)}元），` +
    `配捐金额有限，先到先得。每人每日最多获得配捐${yuanFigure(c.match.userDailyCapFen)}元，${rateLimitRule(c)}。`
  );
}

export const rateLimitRule = (c: Campaign) => `1分钟内超过${c.match.maxDonationsPerMinute}笔捐款不参与配捐`;

/** The donate sheet's one-line reminder. */
export const donateHint = (c: Campaign) => `${matchWindow(c)}单笔满${minMatchYuan(c)}元有机会获得配捐`;

/** "A、B或C" */
function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')}或${items[items.length - 1]}`;
}

const SHORT_WAY: Record<AssistAction, string> = { donate: '捐款', quiz: '答题', flower: '送小红花' };

/** How a friend may help, short: "捐款、答题或送小红花" (Hubei: "答题或送小红花"). */
export const assistWays = (c: Campaign) => orList(c.assist.actions.map((a) => SHORT_WAY[a]));

/** How a friend may help, in full (the donation minimum where donating counts). */
export function assistWaysLong(c: Campaign): string {
  const long: Record<AssistAction, string> = {
    donate: `通过助力页捐款满${minMatchYuan(c)}元`,
    quiz: '完成公益答题',
    flower: '送出小红花',
  };
  return orList(c.assist.actions.map((a) => long[a]));
}

export function assistRule(c: Campaign): string {
  return (
    `邀请好友为你捐助的项目助力：好友${assistWaysLong(c)}，你捐助的项目有机会再获得一次随机配捐。` +
    `每人每天最多为好友助力${c.assist.maxAssistsPerDay}次，你的每笔捐款最多获得${c.assist.maxExtraDrawsPerDonation}次额外配捐机会。`
  );
}

export const stepsThresholdRule = (c: Campaign) => `微信步数满${c.steps.threshold}步即可捐步`;

export function stepsRule(c: Campaign): string {
  const sameDays = c.steps.startDate === c.startDate && c.steps.endDate === c.endDate;
  const match = sameDays ? '并有机会获得企业和基金会随机配捐' : `${matchDates(c)}还有机会获得基金会随机配捐`;
  return `${stepsDates(c)}每人每天${stepsThresholdRule(c)}，由爱心企业出资捐赠，${match}。`;
}

export const quizRule = (c: Campaign) =>
  `每天可答题${c.quiz.attemptsPerDay}次，每次${c.quiz.questionsPerAttempt}题，答对${c.quiz.passMark}题即通过，通过可得小红花。`;

/** How flowers are earned (rules, and when the balance is too low). */
export function flowersHowTo(c: Campaign): string {
  const f = c.flowers;
  return (
    `小红花可通过捐款（单笔满${yuanFigure(c.minDonationFen)}元，每天最多${f.donateDailyCap}朵）、` +
    `完成公益答题（每天最多${f.quizDailyCap}朵）、` +
    `一块走捐出步数（每天最多${f.stepsDailyCap}朵）获得`
  );
}

export const flowersRule = (c: Campaign) => `${flowersHowTo(c)}，小红花可送给喜欢的项目，为项目加油。`;

/** The home rules panel, in order; no assist section when the campaign offers no way to help. */
export function rulesList(c: Campaign): Array<{ title: string; text: string }> {
  return [
    { title: '配捐规则', text: matchRule(c) },
    ...(c.assist.actions.length > 0 ? [{ title: '好友助力', text: assistRule(c) }] : []),
    { title: '一块走', text: stepsRule(c) },
    { title: '公益答题', text: quizRule(c) },
    { title: '小红花', text: flowersRule(c) },
  ];
}

/** Banner lines: the organiser with the supporters, and the match pool. */
export const bannerOrg = (c: Campaign) => [c.organiser, ...c.supporters].join(' · ');
export const bannerPool = (c: Campaign) => `${wanFigure(c.match.poolFen)}元 爱心配捐`;

/** Why a paid donation drew no match, for the reasons that carry a campaign number (else null). */
export function noMatchReasonText(reason: NoMatchReason, c: Campaign | null): string | null {
  switch (reason) {
    case 'before_open':
      return c ? `未到${c.matchOpensAt}配捐时间` : '未到配捐时间';
    case 'rate_limited':
      return c
        ? `捐款过于频繁（1分钟内超过${c.match.maxDonationsPerMinute}笔），本笔不参与配捐`
        : '捐款过于频繁，本笔不参与配捐';
    case 'below_minimum':
      return c ? `单笔满${minMatchYuan(c)}元才有配捐机会` : '本笔金额未达配捐门槛';
    default:
      return null;
  }
}

/** After today's window closed: tomorrow's opening, or the end on the last day. */
export const windowClosedText = (c: Pick<Campaign, 'matchOpensAt'>, isLastDay: boolean) =>
  isLastDay ? '活动已结束' : `今日配捐已结束，明日${c.matchOpensAt}再来`;

/** Client-side wording of an error whose text carries a number, when the server sent none to show. */
export function errorFallback(code: string, c: Campaign | null): string | null {
  switch (code) {
    case 'AMOUNT_TOO_SMALL':
      return c ? `单笔最少捐${yuanFigure(c.minDonationFen)}元` : '捐款金额低于单笔下限';
    case 'STEPS_BELOW_THRESHOLD':
      return c ? `今日步数未达${c.steps.threshold}步` : '今日步数未达标';
    case 'ASSIST_LIMIT':
      return c ? `今日助力次数已用完（每天最多${c.assist.maxAssistsPerDay}次）` : null;
    case 'QUIZ_LIMIT':
      return c ? `今日答题次数已用完（每天最多${c.quiz.attemptsPerDay}次）` : null;
    default:
      return null;
  }
}

/** Where 一块走 stands on a Beijing date. */
export type StepsPeriodState = 'before' | 'warmup' | 'festival' | 'after';

export function stepsPeriodState(c: Campaign, today: string): StepsPeriodState {
  if (today < c.steps.startDate) return 'before';
  if (today > c.steps.endDate) return 'after';
  return today >= c.startDate && today <= c.endDate ? 'festival' : 'warmup';
}

/** The steps page's line about today: the period, and whether the foundation's match runs today. */
export function stepsPeriodText(c: Campaign, today: string): string {
  switch (stepsPeriodState(c, today)) {
    case 'before':
      return `一块走将于${monthDay(c.steps.startDate)}开始（${stepsDates(c)}）`;
    case 'after':
      return `本期一块走已结束（${stepsDates(c)}）`;
    case 'warmup':
      return `预热期：今天捐步由爱心企业出资，基金会配捐${matchDates(c)}开放`;
    default:
      return `一块走 ${stepsDates(c)} · 今天捐步还有机会获得基金会配捐`;
  }
}

/**
 * The certificate's body. The campaign's wording may open with its own thanks ("感谢您参与…"); then the
 * donation is stated plainly before it, else the sentence opens with the thanks.
 */
export function certificateBody(
  c: Campaign,
  d: { dateText: string; projectTitle: string; amountText: string },
): string {
  const gift = `于${d.dateText}向「${d.projectTitle}」捐款${d.amountText}`;
  return c.certificate.wording.startsWith('感谢')
    ? `您${gift}。${c.certificate.wording}`
    : `感谢您${gift}，${c.certificate.wording}`;
}

/** The share card title of the campaign (home and fallbacks). */
export const shareTitle = (c: Campaign | null) => (c ? [c.name, c.theme.slogan].filter(Boolean).join('，') : '善行');
