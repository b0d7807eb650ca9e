/**
 * Leaderboards of a campaign. No board reads an order or scans the journal per request: districts,
 * organisations and projects fold the projects' counter shards (written by the journal in each money
 * transaction; one aggregate bounded by the catalog × shards, a few seconds old at most), teams aggregate
 * the teams' counter shards (bounded by the teams × shards), and inviters aggregate `inviter_rows` shards, bumped
 * in the assist transaction and shown only for inviters who opted in (users.setBoardOptIn).
 */
import type { BoardName, BoardRow, BoardsGetResult } from '../../domain/api';
import { DomainError, ErrorCode } from '../../domain/errors';
import { createHmac } from 'crypto';
import { pickShard, userKey } from '../../domain/ids';
import { BOARD_PAGE, rankPage, type BoardInputRow } from '../../domain/teams';
import { db } from './cloud';
import { loadCatalog, loadSettings } from './campaign';
import { C, type ProjectDoc, type UserDoc } from './collections';
import { profilesOf } from './profiles';
import { donorLabelSecret } from './security';
import { projectTotals, type ProjectTotals } from './totals';
import { donorName } from './views';
import type { TeamDoc } from './teams';
import type { Tx } from './matchUsers';

export interface InviterRowDoc {
  _id: string; // inviterRowId
  campaignId: string;
  openid: string;
  /** Friends' helps that counted for the inviter on this shard (a friend counts once per project per day). */
  friends: number;
  /** The inviter's users.setBoardOptIn, copied here so the board reads only opted-in rows. */
  optIn: boolean;
}

/** An inviter's friends land on up to this many shards: 200 friends helping at once must not serialise. */
export const INVITER_SHARDS = 16;

export const inviterRowId = (campaignId: string, openid: string, k: number): string =>
  `${campaignId}_${userKey(openid)}_${k}`;

/**
 * In the assist transaction: one more friend on one of the inviter's row shards (picked per assist and attempt, so
 * a conflict retry moves to another), created on its first write with the inviter's opt-in.
 */
export async function bumpInviterRow(
  tx: Tx,
  campaignId: string,
  inviter: string,
  assistId: string,
  attempt: number,
): Promise<void> {
  const _ = db().command;
  const k = pickShard(`inv:${assistId}`, attempt, INVITER_SHARDS);
  const ref = tx.collection(C.inviterRows).doc(inviterRowId(campaignId, inviter, k));
  const res = (await ref.update({ data: { friends: _.inc(1) } })) as { stats?: { updated?: number } };
  if ((res?.stats?.updated ?? 0) > 0) return;
  const user = (await tx.collection(C.users).doc(inviter).get()).data as UserDoc | null;
  await ref.set({ data: { campaignId, openid: inviter, friends: 1, optIn: !!user?.boardOptIn } });
}

type Row = BoardInputRow & Omit<BoardRow, 'rank'>;

const shown = (p: ProjectDoc) => p.status === 'fundraising' || p.status === 'closed';
const donated = (t: ProjectTotals | undefined) => (t ? t.bySource.public + t.bySource.coupon : 0);

/** Districts or organisations: the projects' totals folded by the project's field. */
function foldProjects(
  catalog: Map<string, ProjectDoc>,
  totals: Map<string, ProjectTotals>,
  keyOf: (p: ProjectDoc) => { key: string; name: string },
): Row[] {
  const rows = new Map<string, Row>();
  for (const p of catalog.values()) {
    if (!shown(p)) continue;
    const { key, name } = keyOf(p);
    const t = totals.get(p._id);
    const row = rows.get(key) ?? { key, name, raisedFen: 0, donatedFen: 0, donations: 0, donors: 0, projects: 0 };
    row.raisedFen += t?.raisedFen ?? 0;
    row.donatedFen += donated(t);
    row.donations += t?.donations ?? 0;
    row.donors = (row.donors ?? 0) + (t?.donors ?? 0);
    row.projects = (row.projects ?? 0) + 1;
    rows.set(key, row);
  }
  return [...rows.values()];
}

async function projectBoard(board: BoardName, domain: string | undefined, cursor: number) {
  const [settings, catalog, totals] = await Promise.all([loadSettings(), loadCatalog(), projectTotals()]);
  if (board === 'districts')
    return rankPage(
      foldProjects(catalog, totals, (p) => ({ key: p.district, name: p.district })),
      cursor,
    );
  if (board === 'organisations')
    return rankPage(
      foldProjects(catalog, totals, (p) => ({ key: p.orgId, name: p.org })),
      cursor,
    );
  if (domain && !settings.domains.some((d) => d.id === domain))
    throw new DomainError(ErrorCode.INVALID_INPUT, `domain: 活动没有领域 ${domain}`);
  const rows: Row[] = [...catalog.values()]
    .filter((p) => shown(p) && (!domain || p.domain === domain))
    .map((p) => {
      const t = totals.get(p._id);
      return {
        key: p._id,
        name: p.title,
        raisedFen: t?.raisedFen ?? 0,
        donatedFen: donated(t),
        donations: t?.donations ?? 0,
        donors: t?.donors ?? 0,
      };
    });
  return rankPage(rows, cursor);
}

/** Teams: their counter shards summed per team, most raised first, a page at a time (fresh). */
async function teamBoard(campaignId: string, cursor: number) {
  const { list } = await db()
    .collection(C.teamCounters)
    .aggregate()
    .match({ campaignId })
    .group({ _id: '$teamId', raisedFen: { $sum: '$raisedFen' }, donations: { $sum: '$donations' } })
    .sort({ raisedFen: -1, _id: 1 })
    .skip(cursor)
    .limit(BOARD_PAGE + 1)
    .end();
  const page = list.slice(0, BOARD_PAGE) as Array<{ _id: string; raisedFen: number; donations: number }>;
  const _ = db().command;
  const ids = page.map((r) => String(r._id));
  const teams = ids.length
    ? ((
        await db()
          .collection(C.teams)
          .where({ _id: _.in(ids) })
          .limit(100)
          .get()
      ).data as TeamDoc[])
    : [];
  const byId = new Map(teams.map((t) => [t._id, t]));
  const catalog = await loadCatalog();
  const items: BoardRow[] = page.map((r, i) => {
    const t = byId.get(String(r._id));
    return {
      rank: cursor + i + 1,
      key: String(r._id),
      name: t?.name ?? '一起捐',
      raisedFen: Number(r.raisedFen ?? 0),
      donatedFen: Number(r.raisedFen ?? 0),
      donations: Number(r.donations ?? 0),
      projectTitle: (t && catalog.get(t.projectId)?.title) ?? '',
    };
  });
  return { items, nextCursor: list.length > BOARD_PAGE ? String(cursor + BOARD_PAGE) : null, total: null };
}

/** Inviters who opted in, most friends first: their row shards summed per inviter (bounded by inviters × shards). */
async function inviterBoard(campaignId: string, cursor: number) {
  const { list } = await db()
    .collection(C.inviterRows)
    .aggregate()
    .match({ campaignId, optIn: true })
    .group({ _id: '$openid', friends: { $sum: '$friends' } })
    .sort({ friends: -1, _id: 1 })
    .skip(cursor)
    .limit(BOARD_PAGE + 1)
    .end();
  const rows = (list as Array<{ _id: string; friends: number }>).slice(0, BOARD_PAGE);
  const openids = rows.map((r) => String(r._id));
  const [profiles, secret] = await Promise.all([profilesOf(openids), donorLabelSecret()]);
  const items: BoardRow[] = rows.map((r, i) => ({
    rank: cursor + i + 1,
    // An opaque key: a keyed hash, never the openid.
    key: createHmac('sha256', secret).update(`inviter\n${r._id}`).digest('hex').slice(0, 16),
    name: donorName(
      {
        anonymous: false,
        openid: String(r._id),
        projectId: campaignId,
        nickname: profiles.get(String(r._id))?.nickname,
      },
      secret,
    ),
    raisedFen: 0,
    donatedFen: 0,
    donations: 0,
    friends: Number(r.friends ?? 0),
  }));
  return { items, nextCursor: list.length > BOARD_PAGE ? String(cursor + BOARD_PAGE) : null, total: null };
}

/** In the campaign the handler scoped (the named one, else the default). */
export async function getBoard(
  input: { board: BoardName; domain?: string; cursor?: string },
  nowMs: number,
): Promise<BoardsGetResult> {
  const settings = await loadSettings();
  const cursor = Number(input.cursor ?? 0);
  const page =
    input.board === 'teams'
      ? await teamBoard(settings.id, cursor)
      : input.board === 'inviters'
        ? await inviterBoard(settings.id, cursor)
        : await projectBoard(input.board, input.domain, cursor);
  return {
    board: input.board,
    campaignId: settings.id,
    domain: input.board === 'projects' ? (input.domain ?? null) : null,
    items: page.items.map((r) => ({ ...r }) as BoardRow),
    nextCursor: page.nextCursor,
    total: page.total,
    asOf: new Date(nowMs).toISOString(),
  };
}
