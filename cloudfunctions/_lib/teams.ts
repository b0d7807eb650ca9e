/**
 * 一起捐 teams: a donor starts a team on a fundraising project (name and line content-checked like a
 * donation's message), friends donate through it (`donate.create {teamId}` checks `requireOpenTeam`), and
 * the team's money is never written here: the journal moves `team_counters` from each entry that carries
 * the team (journal.ts), so a refund lowers it by exactly its amount. A team is open while its creator has
 * not closed it, its project fundraises and the session has not ended (a closed project closes its teams).
 */
import type { TeamCloseResult, TeamCreateResult, TeamMineResult, TeamView } from '../../domain/api';
import { DomainError, ErrorCode } from '../../domain/errors';
import {
  checkTeamGoal,
  checkTeamText,
  newTeamId,
  progressBp,
  TEAM_MEMBERS_PAGE,
  TEAMS_PER_CREATOR,
  teamStatus,
  type TeamStatus,
} from '../../domain/teams';
import { beijingMs, sessionPhase } from '../../domain/time';
import type { CampaignSettings } from '../../domain/settings';
import { db } from './cloud';
import { cryptoRng } from './clock';
import { inCampaign, loadCatalog, loadSettings, requireFundraisingProject } from './campaign';
import { C, type OrderDoc, type ProjectDoc } from './collections';
import { profileOf } from './profiles';
import { donorLabelSecret, isTextSafe } from './security';
import { donorName, donorRows } from './views';

export interface TeamDoc {
  _id: string;
  campaignId: string;
  projectId: string;
  /** The creator's openid: never shown, never in a link. */
  creator: string;
  name: string;
  line: string;
  goalFen: number;
  /** Set by the creator's close only; the effective status also follows the project and the session. */
  status: TeamStatus;
  createdAt: number;
  closedAt: number | null;
}

export interface TeamCounterDoc {
  _id: string; // `${teamId}_${k}`
  teamId: string;
  projectId: string;
  campaignId: string;
  raisedFen: number;
  donations: number;
}

/** The Beijing midnight after the session's last day. */
export const sessionEndMs = (s: Pick<CampaignSettings, 'endDate'>): number =>
  beijingMs(s.endDate, '00:00') + 86_400_000;

async function readTeam(teamId: string): Promise<TeamDoc> {
  const team = (await db().collection(C.teams).doc(teamId).get()).data as TeamDoc | null;
  if (!team) throw new DomainError(ErrorCode.TEAM_NOT_FOUND, '团队不存在');
  return team;
}

/** A team's money and donations: the sum of its counter shards (at most TEAM_COUNTER_SHARDS documents). */
export async function teamMoney(teamId: string): Promise<{ raisedFen: number; donations: number }> {
  const { data } = await db().collection(C.teamCounters).where({ teamId }).limit(100).get();
  let raisedFen = 0;
  let donations = 0;
  for (const c of data as TeamCounterDoc[]) {
    raisedFen += c.raisedFen ?? 0;
    donations += c.donations ?? 0;
  }
  return { raisedFen, donations };
}

/** In the project's campaign (the handler scopes it by projectId). */
export async function createTeam(
  openid: string,
  input: { projectId: string; name: string; goalFen: number; line?: string },
  nowMs: number,
): Promise<TeamCreateResult> {
  const settings = await loadSettings();
  if (sessionPhase(settings, nowMs) === 'after') throw new DomainError(ErrorCode.SESSION_CLOSED, '活动已结束');
  const project = await requireFundraisingProject(input.projectId);
  const { name, line } = checkTeamText(input.name, input.line);
  checkTeamGoal(input.goalFen);
  const text = line ? `${name}\n${line}` : name;
  if (!(await isTextSafe(openid, text)))
    throw new DomainError(ErrorCode.CONTENT_REJECTED, '团队名称或宣言包含敏感内容');
  const open = await db()
    .collection(C.teams)
    .where({ creator: openid, campaignId: settings.id, status: 'open' })
    .count();
  if (open.total >= TEAMS_PER_CREATOR)
    throw new DomainError(ErrorCode.TEAM_LIMIT, `同时最多发起 ${TEAMS_PER_CREATOR} 个一起捐`);
  const team: TeamDoc = {
    _id: newTeamId(cryptoRng),
    campaignId: settings.id,
    projectId: project._id,
    creator: openid,
    name,
    line,
    goalFen: input.goalFen,
    status: 'open',
    createdAt: nowMs,
    closedAt: null,
  };
  await db().collection(C.teams).add({ data: team });
  return { teamId: team._id };
}

/** For `donate.create`: the team exists, is on this (fundraising) project and still takes donations. */
export async function requireOpenTeam(
  teamId: string,
  project: Pick<ProjectDoc, '_id' | 'status'>,
  settings: Pick<CampaignSettings, 'startDate' | 'endDate'>,
  nowMs: number,
): Promise<TeamDoc> {
  const team = await readTeam(teamId);
  if (team.projectId !== project._id) throw new DomainError(ErrorCode.TEAM_MISMATCH, '该团队属于另一个项目');
  if (teamStatus(team, project.status, sessionPhase(settings, nowMs)) !== 'open')
    throw new DomainError(ErrorCode.TEAM_CLOSED, '该一起捐已结束');
  return team;
}

function memberPage(teamId: string, cursor: string | undefined) {
  const _ = db().command;
  const base = { teamId, status: 'paid' };
  const [afterAt, afterId] = cursor ? cursor.split('.') : [];
  const where = cursor
    ? _.and([base, _.or([{ paidAt: _.lt(Number(afterAt)) }, { paidAt: Number(afterAt), _id: _.lt(afterId) }])])
    : base;
  return db()
    .collection(C.orders)
    .where(where)
    .orderBy('paidAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(TEAM_MEMBERS_PAGE + 1)
    .get();
}

export async function getTeam(
  openid: string,
  input: { teamId: string; cursor?: string },
  nowMs: number,
): Promise<TeamView> {
  const team = await readTeam(input.teamId);
  return inCampaign(team.campaignId, async () => {
    const [settings, catalog, money, res, labelKey, leader] = await Promise.all([
      loadSettings(),
      loadCatalog(),
      teamMoney(team._id),
      memberPage(team._id, input.cursor),
      donorLabelSecret(),
      profileOf(team.creator),
    ]);
    const page = (res.data as OrderDoc[]).slice(0, TEAM_MEMBERS_PAGE);
    const last = page[page.length - 1];
    const project = catalog.get(team.projectId);
    const endMs = sessionEndMs(settings);
    return {
      teamId: team._id,
      projectId: team.projectId,
      projectTitle: project?.title ?? team.projectId,
      campaignId: team.campaignId,
      name: team.name,
      line: team.line,
      leader: donorName(
        { anonymous: false, openid: team.creator, projectId: team.projectId, nickname: leader?.nickname },
        labelKey,
      ),
      leaderAvatarUrl: leader?.avatarUrl ?? null,
      goalFen: team.goalFen,
      raisedFen: money.raisedFen,
      donations: money.donations,
      progressBp: progressBp(money.raisedFen, team.goalFen),
      status: teamStatus(team, project?.status, sessionPhase(settings, nowMs)),
      timeLeftMs: Math.max(0, endMs - nowMs),
      endsAt: new Date(endMs).toISOString(),
      createdAt: new Date(team.createdAt).toISOString(),
      mine: team.creator === openid,
      members: await donorRows(page, labelKey),
      nextCursor: res.data.length > TEAM_MEMBERS_PAGE && last ? `${last.paidAt ?? 0}.${last._id}` : null,
    };
  });
}

/** The creator closes the team (idempotent); anyone else is FORBIDDEN. Donations already made stay counted. */
export async function closeTeam(openid: string, teamId: string, nowMs: number): Promise<TeamCloseResult> {
  const team = await readTeam(teamId);
  if (team.creator !== openid) throw new DomainError(ErrorCode.FORBIDDEN, '只有发起人可以结束团队');
  if (team.status !== 'closed')
    await db()
      .collection(C.teams)
      .where({ _id: teamId, status: 'open' })
      .update({ data: { status: 'closed', closedAt: nowMs } });
  return { teamId, status: 'closed' };
}

/** The caller's own teams (newest first; bounded: TEAMS_PER_CREATOR open ones and the closed ones shown last). */
export async function myTeams(openid: string, nowMs: number): Promise<TeamMineResult> {
  const { data } = await db()
    .collection(C.teams)
    .where({ creator: openid })
    .orderBy('createdAt', 'desc')
    .limit(50)
    .get();
  const items = [];
  for (const t of data as TeamDoc[]) {
    const item = await inCampaign(t.campaignId, async () => {
      const [settings, catalog] = await Promise.all([loadSettings(), loadCatalog()]);
      const project = catalog.get(t.projectId);
      return {
        teamId: t._id,
        name: t.name,
        projectTitle: project?.title ?? t.projectId,
        goalFen: t.goalFen,
        status: teamStatus(t, project?.status, sessionPhase(settings, nowMs)),
      };
    });
    items.push(item);
  }
  return { items };
}
