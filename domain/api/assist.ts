/** `assist` results: invitation links, the friend's view of one, a flower as help, the inviter's progress. */
import type { ProjectCard } from '../api';
import type { AssistAction, AssistReason, NoMatchReason } from './states';

/** What an extra draw a friend's help earned won (reason when it won nothing). */
export interface ExtraDraw {
  amountFen: number;
  reason?: NoMatchReason;
}

export interface AssistShareResult {
  shareId: string;
  /** `/pkg-assist/assist/index?shareId=…&campaignId=…` (the project's campaign) */
  path: string;
}

export interface AssistOpenResult {
  project: ProjectCard;
  /** The invitation's name, the inviter's profile nickname, or 一位爱心好友; the profile's avatar if any. */
  inviter: { nickname: string; avatarUrl: string | null; isMe: boolean };
  myActions: { assisted: boolean; action: AssistAction | null; extraDraw: ExtraDraw | null };
  canAssist: boolean;
  reason?: AssistReason;
}

/** A help's outcome (assist.flower; the quiz and a donation through a link record the same). */
export interface AssistFlowerResult {
  assisted: boolean;
  extraDraw: ExtraDraw | null;
  reason?: AssistReason;
}

export interface AssistHelper {
  /** The helper's profile nickname, else masked by the server (好友XXXX). */
  name: string;
  avatarUrl: string | null;
  action: AssistAction;
  at: string;
  orderId: string | null;
  extraDraw: ExtraDraw | null;
}

/** One of the inviter's paid donations to the shared project, with the extra draws credited to it. */
export interface AssistDonation {
  orderId: string;
  amountFen: number;
  paidAt: string;
  extraDraws: number;
  extraMatchedFen: number;
}

export interface AssistProgressItem {
  shareId: string;
  projectId: string;
  projectTitle: string;
  /** The latest helpers (at most 100 over all shares). */
  helpers: AssistHelper[];
  /** Every helper of this share (not only the listed ones). */
  helperCount: number;
  donations: AssistDonation[];
  extraDraws: number;
  extraMatchedFen: number;
}

export interface AssistProgressResult {
  items: AssistProgressItem[];
  totals: { helpers: number; extraMatchedFen: number };
}
