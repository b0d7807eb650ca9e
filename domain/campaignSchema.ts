/**
 * The campaign document's schema: what the console's editor and the seed accept as `campaigns/{id}`. Beyond types it
 * checks what would break a session silently: ordered dates, a release plan that sums to the whole pool over exactly
 * the festival days, positive caps, an open window, non-empty assist actions and unique domain ids.
 */
import { z } from 'zod';
import type { CampaignSettings } from './settings';
import { ASSIST_ACTIONS } from './api/states';

const fen = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
const positiveFen = fen.refine((n) => n > 0, 'must be positive');
const count = z.number().int().positive();
const chance = z.number().min(0).max(1);
const text = z.string().trim().min(1);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour "#rrggbb"');
/** A real calendar date "YYYY-MM-DD" (Date.parse alone would accept 2022-02-30). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'not a calendar date');
/** Beijing wall-clock "HH:mm"; "24:00" is midnight at the end of the day. */
const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'time "HH:mm"');
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
/** Inclusive number of days from `a` to `b`. */
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;

const match = z
  .object({
    poolFen: positiveFen,
    dailyReleaseBp: z.array(z.number().int().nonnegative()).min(1),
    opensAt: hhmm,
    closesAt: hhmm,
    shards: count,
    minDonationFen: positiveFen,
    minMatchFen: positiveFen,
    maxMatchFen: positiveFen,
    baseChance: chance,
    maxRatioBp: z.number().int().min(1).max(10_000).optional(),
    floorRatioBp: z.number().int().min(0).max(10_000).optional(),
    userDailyCapFen: positiveFen,
    projectDailyCapFen: positiveFen,
    maxDonationsPerMinute: count,
  })
  .strict()
  .refine((m) => m.dailyReleaseBp.reduce((a, b) => a + b, 0) === 10_000, {
    message: 'dailyReleaseBp must sum to 10,000',
    path: ['dailyReleaseBp'],
  })
  .refine((m) => minutesOf(m.opensAt) < minutesOf(m.closesAt), {
    message: 'opensAt must be before closesAt',
    path: ['closesAt'],
  })
  .refine((m) => m.minMatchFen <= m.maxMatchFen, { message: 'minMatchFen above maxMatchFen', path: ['maxMatchFen'] })
  .refine((m) => m.maxMatchFen <= m.userDailyCapFen, {
    message: 'one draw above the per-user daily cap',
    path: ['maxMatchFen'],
  });

const steps = z
  .object({
    threshold: count,
    minFen: positiveFen,
    maxFen: positiveFen,
    foundationMatchChance: chance,
    startDate: day,
    endDate: day,
  })
  .strict()
  .refine((s) => s.minFen <= s.maxFen, { message: 'minFen above maxFen', path: ['maxFen'] })
  .refine((s) => s.startDate <= s.endDate, { message: 'step period ends before it starts', path: ['endDate'] });

export const campaignSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[0-9A-Za-z_-]+$/),
    name: text,
    shortName: text,
    region: text,
    organiser: text,
    supporters: z.array(text),
    startDate: day,
    endDate: day,
    warmupStartDate: day.optional(),
    minDonationFen: positiveFen,
    maxDonationFen: positiveFen,
    orderTimeoutMinutes: count,
    match,
    assist: z
      .object({
        actions: z
          .array(z.enum(ASSIST_ACTIONS))
          .min(1, 'a friend needs at least one way to help')
          .refine((a) => new Set(a).size === a.length, 'duplicate assist action'),
        maxAssistsPerDay: count,
        maxExtraDrawsPerDonation: count,
      })
      .strict(),
    quiz: z
      .object({ questionsPerAttempt: count, passMark: count, attemptsPerDay: count, attemptTtlMinutes: count })
      .strict()
      .refine((q) => q.passMark <= q.questionsPerAttempt, {
        message: 'passMark above questionsPerAttempt',
        path: ['passMark'],
      }),
    flowers: z
      .object({ perDonation: count, donateDailyCap: count, quizDailyCap: count, stepsDailyCap: count })
      .strict(),
    steps,
    topup: z.object({ ratioBp: z.number().int().min(0).max(10_000) }).strict(),
    domains: z
      .array(z.object({ id: z.string().min(1).max(20), name: text, color }).strict())
      .min(1)
      .refine((d) => new Set(d.map((x) => x.id)).size === d.length, 'duplicate domain id'),
    certificate: z
      .object({ prefix: z.string().regex(/^[0-9A-Z]{1,12}-$/, 'prefix like "CQ2022-"'), title: text, wording: text })
      .strict(),
    // WeChat cuts the body at 40 characters: leave room for the project title.
    orderBodyPrefix: text.max(20),
    theme: z.object({ primary: color, bannerTitle: text, bannerSubtitle: text, slogan: text.optional() }).strict(),
    reminder: z
      .object({
        templateId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
        leadMinutes: z.number().int().min(1).max(120),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((c) => c.startDate <= c.endDate, { message: 'endDate before startDate', path: ['endDate'] })
  .refine((c) => !c.warmupStartDate || c.warmupStartDate <= c.startDate, {
    message: 'warm-up starts after the festival',
    path: ['warmupStartDate'],
  })
  .refine((c) => c.minDonationFen <= c.maxDonationFen, {
    message: 'minDonationFen above maxDonationFen',
    path: ['maxDonationFen'],
  })
  .refine((c) => c.match.dailyReleaseBp.length === daysBetween(c.startDate, c.endDate), {
    message: 'one dailyReleaseBp entry per festival day',
    path: ['match', 'dailyReleaseBp'],
  })
  .refine((c) => c.steps.startDate >= (c.warmupStartDate ?? c.startDate), {
    message: 'steps start before the warm-up (or the festival when there is none)',
    path: ['steps', 'startDate'],
  });

/** Parse a campaign (throws a ZodError naming every bad field). */
export function parseCampaign(input: unknown): CampaignSettings {
  return campaignSchema.parse(input);
}

/** The schema's output is assignable to CampaignSettings and back: a field added to one must be added to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<z.infer<typeof campaignSchema>, CampaignSettings> = true;
void _sameShape;
