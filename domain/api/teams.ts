/** `teams` (一起捐), `boards` (leaderboards) and `users.footprint` (my charity footprint) results. */
import type { DonorRow } from '../api';
import type { TeamStatus } from '../teams';

export interface TeamCreateResult {
  teamId: string;
}

export interface TeamView {
  teamId: string;
  projectId: string;
  projectTitle: string;
  campaignId: string;
  name: string;
  line: string;
  /** The creator's public name (nickname or 爱心网友XXXX); never an openid. */
  leader: string;
  leaderAvatarUrl: string | null;
  goalFen: number;
  /** The members' own money (donor + coupon) of paid, unrefunded donations through the team. */
  raisedFen: number;
  /** Paid donations through the team, less refunded ones. */
  donations: number;
  progressBp: number;
  /** open: takes donations; closed: by its creator, its project closed, or the session ended. */
  status: TeamStatus;
  /** Milliseconds until the session ends (0 once it has). */
  timeLeftMs: number;
  endsAt: string;
  createdAt: string;
  /** True for the caller's own team (the 结束团队 button). */
  mine: boolean;
  /** Newest first, a page at a time (`cursor` = nextCursor). */
  members: DonorRow[];
  nextCursor: string | null;
}

export interface TeamCloseResult {
  teamId: string;
  status: TeamStatus;
}

export interface TeamMineResult {
  items: Array<{ teamId: string; name: string; projectTitle: string; goalFen: number; status: TeamStatus }>;
}

export type BoardName = 'districts' | 'organisations' | 'projects' | 'teams' | 'inviters';

export interface BoardRow {
  rank: number;
  /** District name, organisation id, project id, team id, or an inviter's opaque label. */
  key: string;
  name: string;
  /** Money raised (every source for districts/organisations/projects; members' money for teams). */
  raisedFen: number;
  /** The donors' own money (public + coupon): moves by exactly the paid amounts. */
  donatedFen: number;
  /** Paid donations (人次). */
  donations: number;
  /** Distinct donors per project, summed (a donor of two projects of a district counts twice). */
  donors?: number;
  /** Districts and organisations: projects counted; teams: the project's title; inviters: friends brought. */
  projects?: number;
  projectTitle?: string;
  friends?: number;
}

export interface BoardsGetResult {
  board: BoardName;
  campaignId: string;
  domain: string | null;
  items: BoardRow[];
  nextCursor: string | null;
  /** Rows on the board (districts, organisations, projects); null where it is not counted (teams, inviters). */
  total: number | null;
  /** When the figures were read (they are at most a few seconds old; teams and inviters fresh). */
  asOf: string;
}

export interface FootprintResult {
  donatedFen: number;
  matchedFen: number;
  donations: number;
  projects: number;
  districts: number;
  flowersGiven: number;
  stepsDonated: number;
  stepDays: number;
  teamsJoined: number;
  teamsLed: number;
  campaigns: number;
  boardOptIn: boolean;
}

export interface BoardOptInResult {
  boardOptIn: boolean;
}
