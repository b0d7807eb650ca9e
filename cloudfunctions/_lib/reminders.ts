/**
 * 配捐开启提醒: a donor subscribes (the client asked WeChat for the one-time subscription first); the
 * `remind` timer sends each subscription's message once, `leadMinutes` before the window opens.
 *
 * Once per subscription: a run claims each due subscription in a transaction (pending → sending) before it
 * sends, so overlapping or retried runs never send twice. A run that dies between the claim and the send
 * leaves it `sending`: never resent (at most once, as WeChat's one-time subscription allows one message).
 * Due subscriptions are read a page at a time, within a time budget, never all at once.
 */
import { DomainError, ErrorCode } from '../../domain/errors';
import { userKey } from '../../domain/ids';
import { reminderOf } from '../../domain/settings';
import { beijingDate, beijingDay8, formatBeijing, nextMatchOpening } from '../../domain/time';
import type { RemindSubscribeResult, RemindTimerResult } from '../../domain/api';
import { cmd, db, insertOnce, sdk } from './cloud';
import { currentCampaignId, settingsOf } from './campaign';
import { C } from './collections';
import { runMoneyTx } from './moneyTx';

export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'missed' | 'failed';

/** `_id` = `${campaignId}_${day8}_${userKey}`: one per user per campaign day. */
export interface ReminderDoc {
  _id: string;
  campaignId: string;
  openid: string;
  day: string;
  opensAt: number;
  sendAt: number;
  status: ReminderStatus;
  createdAt: number;
  claimedAt?: number;
  sentAt?: number;
  msgid?: number;
  error?: string;
}

export const REMINDER_PAGE = 50;
/** What the page the message opens: the home (the countdown and the projects). */
export const REMINDER_PAGE_PATH = 'pages/index/index';

export async function subscribe(
  openid: string,
  campaignIdIn: string | undefined,
  nowMs: number,
): Promise<RemindSubscribeResult> {
  const campaignId = campaignIdIn ?? (await currentCampaignId());
  const settings = await settingsOf(campaignId);
  const opensAt = nextMatchOpening(settings, nowMs);
  if (opensAt === null) throw new DomainError(ErrorCode.REMINDER_CLOSED, '本次活动的配捐已全部开启，无需提醒');
  const doc: ReminderDoc = {
    _id: `${campaignId}_${beijingDay8(opensAt)}_${userKey(openid)}`,
    campaignId,
    openid,
    day: beijingDate(opensAt),
    opensAt,
    sendAt: opensAt - reminderOf(settings).leadMinutes * 60_000,
    status: 'pending',
    createdAt: nowMs,
  };
  const inserted = await insertOnce(C.reminders, doc);
  const kept = inserted ? doc : ((await db().collection(C.reminders).doc(doc._id).get()).data as ReminderDoc);
  return {
    day: kept.day,
    opensAt: new Date(kept.opensAt).toISOString(),
    sendAt: new Date(kept.sendAt).toISOString(),
    already: !inserted,
  };
}

/** Claim one due subscription: the stored doc if this run may send it, 'missed' if too late, null if taken. */
async function claim(id: string, nowMs: number): Promise<ReminderDoc | 'missed' | null> {
  try {
    return await runMoneyTx(async (tx) => {
      const ref = tx.collection(C.reminders).doc(id);
      const data = (await ref.get()).data as ReminderDoc | null;
      if (!data || data.status !== 'pending') return null;
      const late = nowMs >= data.opensAt;
      await ref.update({ data: { status: late ? 'missed' : 'sending', claimedAt: nowMs } });
      return late ? 'missed' : data;
    });
  } catch {
    return null; // lost every retry to other runs: one of them holds it
  }
}

const cut = (s: string, n = 20) => (s.length > n ? s.slice(0, n) : s);

async function send(r: ReminderDoc): Promise<{ msgid?: number }> {
  const settings = await settingsOf(r.campaignId);
  const { templateId } = reminderOf(settings);
  const res = await sdk().openapi.subscribeMessage.send({
    touser: r.openid,
    templateId,
    page: REMINDER_PAGE_PATH,
    miniprogramState: 'formal',
    data: {
      thing1: { value: cut(`${settings.shortName}配捐开启提醒`) },
      time2: { value: formatBeijing(r.opensAt, 'YYYY年MM月DD日 HH:mm') },
      thing3: { value: cut('腾讯基金会配捐即将开启，快来助力') },
    },
  });
  return { msgid: res.msgid };
}

/** One timer run: send every due subscription (page by page) until none is left or the budget is spent. */
export async function runReminders(nowMs: number, budgetMs = 40_000): Promise<RemindTimerResult> {
  const out: RemindTimerResult = { sent: 0, skipped: 0, missed: 0, failed: 0, pages: 0 };
  const until = Date.now() + budgetMs;
  const _ = cmd();
  while (Date.now() < until) {
    const { data } = await db()
      .collection(C.reminders)
      .where({ status: 'pending', sendAt: _.lte(nowMs) })
      .orderBy('sendAt', 'asc')
      .limit(REMINDER_PAGE)
      .get();
    if (!data.length) break;
    out.pages++;
    for (const { _id } of data as ReminderDoc[]) {
      const got = await claim(_id, nowMs);
      if (got === null) out.skipped++;
      else if (got === 'missed') out.missed++;
      else {
        const ref = db().collection(C.reminders).doc(_id);
        try {
          const { msgid } = await send(got);
          await ref.update({ data: { status: 'sent', sentAt: nowMs, ...(msgid ? { msgid } : {}) } });
          out.sent++;
        } catch (err) {
          await ref.update({ data: { status: 'failed', error: String((err as Error)?.message ?? err).slice(0, 200) } });
          out.failed++;
        }
      }
    }
    if (data.length < REMINDER_PAGE) break;
  }
  return out;
}
