/**
 * 一起捐 teams and leaderboards: the pure rules. A team belongs to one project; its money is DERIVED from
 * the journal — the members' own money (the donor's and their coupon's) posted into the project by entries
 * that carry the team's id — so a refund, the reversal of such an entry, lowers it by exactly its amount.
 * The journal (cloudfunctions/_lib/journal.ts) applies `teamFenOf` to every entry as it posts it; sums over
 * the journal (`teamTotals`) are the reference the tests and the benchmark check the counters against.
 */
import { accountOf } from './accounts';
import type { MoneySource } from './api';
import { DomainError, ErrorCode } from './errors';
import { randomToken } from './ids';
import type { Rng } from './rng';

/** Name 1–20 characters, the line of why up to 60, after trimming (checked by msgSecCheck like messages). */
export const TEAM_NAME_MAX = 20;
export const TEAM_LINE_MAX = 60;
/** A goal of at least 1 yuan and at most 1,000,000 yuan, whole fen. */
export const TEAM_GOAL_MIN_FEN = 100;
export const TEAM_GOAL_MAX_FEN = 100_000_000;
/** A team's money lands on up to this many counter shards (a shared team must not serialise 10:00). */
export const TEAM_COUNTER_SHARDS = 8;
/** Open teams one donor may lead at a time (nothing grows without bound). */
export const TEAMS_PER_CREATOR = 20;
/** Members shown per page of a team. */
export const TEAM_MEMBERS_PAGE = 20;
/** Rows per page of a leaderboard. */
export const BOARD_PAGE = 20;

/** The money a team counts: what its members gave, not what the Foundation or a sponsor added. */
export const TEAM_SOURCES: readonly MoneySource[] = ['public', 'coupon'];

export type TeamStatus = 'open' | 'closed';

/** An opaque team id (a shared link carries it, never an openid). */
export const newTeamId = (rng: Rng): string => `TM${randomToken(rng, 16)}`;
export const TEAM_ID_PATTERN = /^TM[0-9A-Z]{16}$/;

/** Trimmed name and line, or INVALID_INPUT saying which is wrong. */
export function checkTeamText(name: string, line: string | undefined): { name: string; line: string } {
  const n = name.trim();
  const l = (line ?? '').trim();
  if (!n || [...n].length > TEAM_NAME_MAX)
    throw new DomainError(ErrorCode.INVALID_INPUT, `name: 团队名称需为 1–${TEAM_NAME_MAX} 个字`);
  if ([...l].length > TEAM_LINE_MAX)
    throw new DomainError(ErrorCode.INVALID_INPUT, `line: 一句话宣言最多 ${TEAM_LINE_MAX} 个字`);
  return { name: n, line: l };
}

export function checkTeamGoal(goalFen: number): void {
  if (!Number.isSafeInteger(goalFen) || goalFen < TEAM_GOAL_MIN_FEN)
    throw new DomainError(ErrorCode.INVALID_INPUT, `goalFen: 目标至少 ${TEAM_GOAL_MIN_FEN / 100} 元（整数分）`);
  if (goalFen > TEAM_GOAL_MAX_FEN)
    throw new DomainError(ErrorCode.INVALID_INPUT, `goalFen: 目标最多 ${TEAM_GOAL_MAX_FEN / 100} 元`);
}

/** A team takes donations while it is open, its project fundraises and the session has not ended. */
export function teamStatus(
  team: { status: TeamStatus },
  projectStatus: string | undefined,
  sessionPhase: 'before' | 'open' | 'after',
): TeamStatus {
  return team.status === 'open' && projectStatus === 'fundraising' && sessionPhase !== 'after' ? 'open' : 'closed';
}

/** Progress to the goal in basis points, capped at 100 %. */
export const progressBp = (raisedFen: number, goalFen: number): number =>
  goalFen > 0 ? Math.min(10_000, Math.floor((Math.max(0, raisedFen) * 10_000) / goalFen)) : 0;

interface EntryLike {
  teamId?: string | null;
  kind: string;
  postings: Array<{ account: Parameters<typeof accountOf>[0]; amountFen: number }>;
}

/**
 * What an entry moves on its team: the members' money it posts into (or, reversed, out of) the project, and
 * ±1 donation. Nothing for an entry without a team.
 */
export function teamFenOf(entry: EntryLike): { teamId: string; fen: number; donations: number } | null {
  if (!entry.teamId) return null;
  let fen = 0;
  for (const p of entry.postings) {
    const a = accountOf(p.account);
    if (a.kind === 'project' && TEAM_SOURCES.includes(a.source)) fen += p.amountFen;
  }
  const donations = entry.kind === 'donation' ? 1 : entry.kind === 'refund' ? -1 : 0;
  return { teamId: entry.teamId, fen, donations };
}

/** Every team's money and donations over a set of journal entries (the reference sum). */
export function teamTotals(entries: Iterable<EntryLike>): Map<string, { fen: number; donations: number }> {
  const out = new Map<string, { fen: number; donations: number }>();
  for (const e of entries) {
    const t = teamFenOf(e);
    if (!t) continue;
    const row = out.get(t.teamId) ?? { fen: 0, donations: 0 };
    row.fen += t.fen;
    row.donations += t.donations;
    out.set(t.teamId, row);
  }
  return out;
}

/** A board row before ranking: a key, its name and what it is ranked by. */
export interface BoardInputRow {
  key: string;
  name: string;
  raisedFen: number;
  [extra: string]: unknown;
}

/**
 * Rank rows: most raised first, ties by key (stable across pages); `cursor` is the offset of the page.
 * Returns the page with 1-based ranks and the next cursor (null on the last page).
 */
export function rankPage<R extends BoardInputRow>(
  rows: R[],
  cursor: number,
  limit = BOARD_PAGE,
): { items: Array<R & { rank: number }>; nextCursor: string | null; total: number } {
  const sorted = [...rows].sort((a, b) => b.raisedFen - a.raisedFen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = sorted.slice(cursor, cursor + limit).map((r, i) => ({ ...r, rank: cursor + i + 1 }));
  const next = cursor + page.length;
  return { items: page, nextCursor: next < sorted.length ? String(next) : null, total: sorted.length };
}
