/**
 * Beijing time for every day-bound rule, whatever the server's TZ.
 * Rules receive `nowMs` from an injected clock; nothing here reads the machine clock.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import type { CampaignSettings, MatchSettings } from './settings';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BEIJING_TZ = 'Asia/Shanghai';
/** China has had no DST since 1991, so a fixed offset is exact and cheaper than tz lookups on hot paths. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Beijing calendar date "YYYY-MM-DD" of an instant. */
export function beijingDate(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** "YYYYMMDD" form, for ids. */
export function beijingDay8(ms: number): string {
  return beijingDate(ms).replace(/-/g, '');
}

/** The Beijing minute "YYYYMMDDHHmm" of an instant (minute buckets: counters, anomaly ids). */
export function beijingMinute12(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace(/\D/g, '');
}

/** Epoch ms of a Beijing wall-clock time on a Beijing date; "24:00" is the next midnight. */
export function beijingMs(date: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const midnight = Date.parse(`${date}T00:00:00.000Z`) - BEIJING_OFFSET_MS;
  return midnight + (h * 60 + m) * 60_000;
}

/** Milliseconds since Beijing midnight. */
export function beijingTimeOfDayMs(ms: number): number {
  return (((ms + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Inclusive list of session dates. */
export function sessionDates(c: CampaignSettings): string[] {
  const out: string[] = [];
  for (let d = c.startDate; d <= c.endDate; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 0-based index of a Beijing date within the session, or -1 outside it. */
export function sessionDayIndex(c: CampaignSettings, date: string): number {
  return sessionDates(c).indexOf(date);
}

export function matchWindow(s: MatchSettings, date: string): { startMs: number; endMs: number } {
  return { startMs: beijingMs(date, s.opensAt), endMs: beijingMs(date, s.closesAt) };
}

export type SessionPhase = 'before' | 'open' | 'after';

export function sessionPhase(c: Pick<CampaignSettings, 'startDate' | 'endDate'>, nowMs: number): SessionPhase {
  const today = beijingDate(nowMs);
  if (today < c.startDate) return 'before';
  if (today > c.endDate) return 'after';
  return 'open';
}

/** A campaign's state for listings: upcoming before its festival days, live on them, ended after them. */
export function campaignState(
  c: Pick<CampaignSettings, 'startDate' | 'endDate'>,
  nowMs: number,
): 'upcoming' | 'live' | 'ended' {
  const phase = sessionPhase(c, nowMs);
  return phase === 'before' ? 'upcoming' : phase === 'open' ? 'live' : 'ended';
}

/** True when `nowMs` is inside today's match window on a session day. */
export function isMatchingNow(c: CampaignSettings, nowMs: number): boolean {
  const today = beijingDate(nowMs);
  if (sessionDayIndex(c, today) < 0) return false;
  const w = matchWindow(c.match, today);
  return nowMs >= w.startMs && nowMs < w.endMs;
}

/** When the next match window opens (now or later), or null once the session's last window has opened. */
export function nextMatchOpening(c: CampaignSettings, nowMs: number): number | null {
  for (const day of sessionDates(c)) {
    const { startMs } = matchWindow(c.match, day);
    if (startMs >= nowMs) return startMs;
  }
  return null;
}

/** Format an instant as Beijing "YYYY-MM-DD HH:mm:ss" (for display and certificates). */
export function formatBeijing(ms: number, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  return dayjs(ms).tz(BEIJING_TZ).format(pattern);
}

/** WeChat Pay `timeEnd` ("yyyyMMddHHmmss", Beijing) → epoch ms. */
export function parseWxPayTime(timeEnd: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timeEnd);
  if (!m) return NaN;
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`) - BEIJING_OFFSET_MS;
}
