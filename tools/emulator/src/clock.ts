/**
 * The emulator clock. Functions see it through env SHANXING_CLOCK ({"offsetMs":n} → now = Date.now()+n,
 * or {"fixedMs":n}); serverDate and WeRun/pay timestamps use it too.
 */
export type DefaultClock = { mode: 'real' } | { mode: 'shift'; date: string };
export interface ClockSetting {
  now: string | number | null;
  frozen?: boolean;
}

const BJ_OFFSET = 8 * 3600_000;
/** Beijing calendar date of an instant, "YYYY-MM-DD". */
export const beijingDate = (ms: number): string => new Date(ms + BJ_OFFSET).toISOString().slice(0, 10);
/** Instant of Beijing midnight starting the given date. */
export const beijingMidnight = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);
/** "yyyyMMddHHmmss" in Beijing time (WeChat Pay time_end). */
export const beijingCompact = (ms: number): string =>
  new Date(ms + BJ_OFFSET).toISOString().replace(/[-:T]/g, '').slice(0, 14);

export class Clock {
  private override: { offsetMs: number } | { fixedMs: number } | null = null;

  constructor(private readonly def: DefaultClock = { mode: 'real' }) {
    if (def.mode === 'shift' && Number.isNaN(beijingMidnight(def.date))) throw new Error(`bad clock date ${def.date}`);
  }

  /** Set the time (ISO-8601 or ms); it runs on from there unless frozen. null = back to the default. */
  set(s: ClockSetting): void {
    if (s.now === null || s.now === undefined) {
      this.override = null;
      return;
    }
    const ms = typeof s.now === 'number' ? s.now : Date.parse(s.now);
    if (Number.isNaN(ms)) throw new Error(`invalid clock time: ${s.now}`);
    this.override = s.frozen ? { fixedMs: ms } : { offsetMs: ms - Date.now() };
  }

  /** The value functions receive, recomputed per call so a 'shift' clock follows real midnight. */
  state(): { offsetMs: number } | { fixedMs: number } {
    if (this.override) return this.override;
    if (this.def.mode === 'shift') {
      const real = Date.now();
      return { offsetMs: beijingMidnight(this.def.date) - beijingMidnight(beijingDate(real)) };
    }
    return { offsetMs: 0 };
  }

  now(): number {
    const s = this.state();
    return 'fixedMs' in s ? s.fixedMs : Date.now() + s.offsetMs;
  }

  env(): string {
    return JSON.stringify(this.state());
  }

  describe() {
    const now = this.now();
    return {
      now: new Date(now).toISOString(),
      nowMs: now,
      beijingDate: beijingDate(now),
      frozen: !!this.override && 'fixedMs' in this.override,
      overridden: !!this.override,
      default: this.def,
      env: this.state(),
    };
  }
}
