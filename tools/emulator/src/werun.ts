/**
 * WeRun cloudIDs: issue one for an openid's steps and resolve it the way CloudBase rewrites top-level
 * event fields (`weRunData: wx.cloud.CloudID(id)`) before the function runs.
 */
import { randomBytes } from 'node:crypto';
import { beijingDate, beijingMidnight } from './clock';

const TTL_MS = 5 * 60_000;
const PREFIX = 'EMU-CLOUDID-';
const DAY = 86_400_000;

interface Issued {
  openid: string;
  issuedAt: number;
  data: { stepInfoList: { timestamp: number; step: number }[]; watermark: { appid: string; timestamp: number } };
}

export class WeRun {
  private readonly steps = new Map<string, Map<string, number>>();
  private readonly ids = new Map<string, Issued>();

  constructor(
    private readonly appid: string,
    private readonly now: () => number,
  ) {}

  issue(openid: string, step: number, date?: string): { cloudID: string; date: string } {
    if (!openid) throw new Error('openid required');
    if (!Number.isInteger(step) || step < 0) throw new Error('steps must be a non-negative integer');
    const now = this.now();
    const day = date ?? beijingDate(now);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(beijingMidnight(day))) throw new Error(`bad date ${day}`);
    const mine = this.steps.get(openid) ?? new Map<string, number>();
    this.steps.set(openid, mine);
    mine.set(day, step);
    const end = beijingMidnight(day);
    // 31 days, oldest first, ending with `day` (what wx.getWeRunData returns).
    const stepInfoList = Array.from({ length: 31 }, (_, i) => {
      const ts = end - (30 - i) * DAY;
      return { timestamp: ts / 1000, step: mine.get(beijingDate(ts)) ?? 0 };
    });
    const cloudID = PREFIX + randomBytes(12).toString('hex');
    this.ids.set(cloudID, {
      openid,
      issuedAt: now,
      data: { stepInfoList, watermark: { appid: this.appid, timestamp: Math.floor(now / 1000) } },
    });
    return { cloudID, date: day };
  }

  /** The open data for a cloudID as seen by `openid`. */
  open(cloudID: string, openid: string | undefined): Record<string, unknown> {
    const it = this.ids.get(cloudID);
    if (!it) return { cloudID, errCode: -601005, errMsg: 'invalid cloudID.' };
    if (this.now() - it.issuedAt > TTL_MS) return { cloudID, errCode: -601006, errMsg: 'cloudID expired.' };
    if (it.openid !== openid) return { cloudID, errCode: -601007, errMsg: 'cloudID user not match.' };
    return { cloudID, data: JSON.parse(JSON.stringify(it.data)) };
  }

  /** Replace top-level cloudID fields of an event (string `EMU-CLOUDID-…` or `{cloudID}`). */
  resolveEvent(event: unknown, openid: string | undefined): unknown {
    if (!event || typeof event !== 'object' || Array.isArray(event)) return event;
    const out: Record<string, unknown> = { ...(event as Record<string, unknown>) };
    for (const [k, v] of Object.entries(out)) {
      if (typeof v === 'string' && v.startsWith(PREFIX)) out[k] = this.open(v, openid);
      else if (
        v &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        typeof (v as any).cloudID === 'string' &&
        Object.keys(v).length === 1
      )
        out[k] = this.open((v as any).cloudID, openid);
    }
    return out;
  }
}
