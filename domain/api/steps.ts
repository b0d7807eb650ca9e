/** `steps` (一块走) results: today's steps, the day's donation, the 7-day history and the sponsor wall. */
import type { MatchOutcome } from '../api';

/** What goes to the function as `weRunData`: `Taro.cloud.CloudID(id)` on weapp, the emulator's cloudID string on H5. */
export type WeRunData = unknown;

export interface StepsTodayResult {
  steps: number;
  threshold: number;
  eligible: boolean;
  donatedToday: boolean;
  donation: { amountFen: number; sponsorId: string | null; projectId: string; steps: number } | null;
  recommendedProjectId: string;
}

export interface StepsDonateResult {
  steps: number;
  projectId: string;
  amountFen: number;
  sponsor: { id: string; name: string } | null;
  sponsorsExhausted: boolean;
  /** Said when no sponsor had budget left (the steps still earned the flower). */
  notice: { code: 'SPONSORS_EXHAUSTED'; message: string } | null;
  match: MatchOutcome | null;
  flowersEarned: number;
}

/** One of the last 7 Beijing days: a donation, or a day without one. */
export type StepsHistoryItem =
  | {
      day: string;
      donated: true;
      steps: number;
      amountFen: number;
      sponsorName: string | null;
      matchFen: number;
      projectId: string;
    }
  | { day: string; donated: false; steps: 0; amountFen: 0; sponsorName: null; matchFen: 0; projectId: null };

export interface StepsHistoryResult {
  items: StepsHistoryItem[];
}

export interface Sponsor {
  id: string;
  name: string;
  slogan: string;
  pledgedFen: number;
  paidFen: number;
  leftFen: number;
  donations: number;
}

export interface StepsSponsorsResult {
  items: Sponsor[];
  totals: { pledgedFen: number; paidFen: number; leftFen: number };
  exhausted: boolean;
}
