/**
 * Timer triggers, as CloudBase runs them from each function's config.json (`triggers: [{type: 'timer',
 * config}]`), on the emulator clock: when the clock crosses a firing minute (it runs, or someone moves it),
 * the function is invoked with `{Type: 'Timer', TriggerName}` from source `wx_trigger`. A run still busy is
 * not started again. Supported configs: CloudBase's 7-field cron with seconds 0, minutes `*` or `*\/N`, the
 * rest `*` (what the functions declare).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TimerTrigger {
  fn: string;
  name: string;
  everyMinutes: number;
}

export function parseTimerConfig(config: string): number {
  const f = config.trim().split(/\s+/);
  const m = /^\*(?:\/(\d+))?$/.exec(f[1] ?? '');
  if (f.length !== 7 || f[0] !== '0' || !m || f.slice(2).some((x) => x !== '*'))
    throw new Error(`emulator timers support "0 */N * * * * *" only, not "${config}"`);
  return Number(m[1] ?? 1);
}

/** The timer triggers declared in `<dir>/<fn>/config.json`. */
export function timerTriggers(dir: string, names: string[]): TimerTrigger[] {
  const out: TimerTrigger[] = [];
  for (const fn of names) {
    const file = path.join(dir, fn, 'config.json');
    if (!fs.existsSync(file)) continue;
    const cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as { triggers?: Array<Record<string, string>> };
    for (const t of cfg.triggers ?? [])
      if (t.type === 'timer') out.push({ fn, name: t.name, everyMinutes: parseTimerConfig(t.config) });
  }
  return out;
}

/** Checks the clock every `tickMs` of real time; returns a stop function. */
export function runTimers(
  triggers: TimerTrigger[],
  now: () => number,
  invoke: (fn: string, event: Record<string, unknown>) => Promise<unknown>,
  tickMs = 1000,
): () => void {
  const slot = (t: TimerTrigger) => Math.floor(now() / (t.everyMinutes * 60_000));
  const last = new Map(triggers.map((t) => [t, slot(t)]));
  const busy = new Set<TimerTrigger>();
  const timer = setInterval(() => {
    for (const t of triggers) {
      const s = slot(t);
      if (s === last.get(t) || busy.has(t)) continue;
      last.set(t, s);
      busy.add(t);
      invoke(t.fn, { Type: 'Timer', TriggerName: t.name, Time: new Date(now()).toISOString() })
        .catch((err) => console.error(`[emulator] timer ${t.fn}/${t.name} failed: ${(err as Error).message}`))
        .finally(() => busy.delete(t));
    }
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
