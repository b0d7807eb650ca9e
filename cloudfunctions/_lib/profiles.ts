/**
 * Donor profiles (`users/<openid>`): the nickname and avatar a donor set with WeChat's 头像昵称填写, both
 * content-checked before they are stored. Readers join them by openid (one `_.in` query per page of
 * donors); an anonymous donation never shows its donor's profile.
 */
import { db } from './cloud';
import { C, type UserDoc } from './collections';
import { tempUrls } from './files';

export interface PublicProfile {
  nickname: string | null;
  avatarFileID: string | null;
  /** A temporary URL of the avatar (null without one, or when storage cannot find it). */
  avatarUrl: string | null;
}

/** Profiles of up to 100 donors (a page): missing or empty ones are left out of the map. */
export async function profilesOf(openids: readonly string[]): Promise<Map<string, PublicProfile>> {
  const ids = [...new Set(openids)].slice(0, 100);
  const out = new Map<string, PublicProfile>();
  if (ids.length === 0) return out;
  const _ = db().command;
  const { data } = await db()
    .collection(C.users)
    .where({ _id: _.in(ids) })
    .limit(100)
    .get();
  const users = (data as UserDoc[]).filter((u) => u.nickname || u.avatarFileID);
  const urls = await tempUrls(users.map((u) => u.avatarFileID ?? '')).catch(() => new Map<string, string>());
  for (const u of users)
    out.set(u._id, {
      nickname: u.nickname ?? null,
      avatarFileID: u.avatarFileID ?? null,
      avatarUrl: (u.avatarFileID && urls.get(u.avatarFileID)) || null,
    });
  return out;
}

export async function profileOf(openid: string): Promise<PublicProfile | null> {
  return (await profilesOf([openid])).get(openid) ?? null;
}
