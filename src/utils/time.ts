/**
 * Beijing time for display, whatever the device's timezone. China has no DST, so a fixed +08:00 offset
 * is exactly Asia/Shanghai and avoids relying on Intl timezone data, which some mini-program runtimes lack.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

const BEIJING_OFFSET_MIN = 8 * 60;

export function formatBeijing(at: string | number, pattern = 'YYYY-MM-DD HH:mm'): string {
  return dayjs.utc(at).utcOffset(BEIJING_OFFSET_MIN).format(pattern);
}

/** 3_725_000 → "01:02:05"; days shown as "2天 01:02:05". */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const rest = total % 86400;
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  return days > 0 ? `${days}天 ${hms}` : hms;
}

export { beijingDate, beijingMs } from '@domain/time';
