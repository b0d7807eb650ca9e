/** `flowers` results: my small-red-flower account and a gift to a project. */
import type { FlowerEventKind, FlowerSource } from './states';

export interface FlowerEvent {
  kind: FlowerEventKind;
  /** 'gift': a flower given to a project. */
  source: FlowerSource | 'gift';
  count: number;
  projectId: string | null;
  /** The project's title (a gift, a donation's flower); null when none or not in the current campaign. */
  projectTitle: string | null;
  at: string;
}

export interface FlowersBalanceResult {
  balance: number;
  given: number;
  earnedToday: Record<FlowerSource, number>;
  caps: Record<FlowerSource, number>;
  history: FlowerEvent[];
}

export interface FlowersGiveResult {
  given: boolean;
  projectId: string;
  balance: number;
}
