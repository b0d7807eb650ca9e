/**
 * `users`: the caller's public profile — the nickname and avatar WeChat's 头像昵称填写 gives (or, in H5, a
 * text field and a file picker). The nickname passes msgSecCheck and the avatar imgSecCheck before either
 * is stored; a refused one changes nothing. Donor lists, the assist page and the certificate show them,
 * except on anonymous donations.
 */
import { usersInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import type { UserProfile } from '../../../domain/api';
import { defineFunction } from '../../_lib/handler';
import { db, insertOnce } from '../../_lib/cloud';
import { C, type UserDoc } from '../../_lib/collections';
import { isImageSafe, isTextSafe } from '../../_lib/security';
import { tempUrls } from '../../_lib/files';
import { footprint, setBoardOptIn } from '../../_lib/footprint';

export const NICKNAME_MAX = 20;

async function view(u: UserDoc | null): Promise<UserProfile> {
  const fileID = u?.avatarFileID ?? null;
  const urls = fileID ? await tempUrls([fileID]).catch(() => new Map<string, string>()) : null;
  return { nickname: u?.nickname ?? null, avatarFileID: fileID, avatarUrl: (fileID && urls?.get(fileID)) || null };
}

async function readUser(openid: string): Promise<UserDoc | null> {
  return ((await db().collection(C.users).doc(openid).get()).data as UserDoc | null) ?? null;
}

export const main = defineFunction({
  name: 'users',
  schema: usersInput,
  actions: {
    async setProfile(input, ctx): Promise<UserProfile> {
      const patch: Partial<UserDoc> = {};
      if (input.nickname !== undefined) {
        const nickname = input.nickname.trim();
        if (!nickname || [...nickname].length > NICKNAME_MAX)
          throw new DomainError(ErrorCode.INVALID_INPUT, `昵称需为 1–${NICKNAME_MAX} 个字`);
        if (!(await isTextSafe(ctx.openid, nickname)))
          throw new DomainError(ErrorCode.CONTENT_REJECTED, '昵称包含敏感内容');
        patch.nickname = nickname;
      }
      if (input.avatarFileID !== undefined) {
        if (!(await isImageSafe(input.avatarFileID).catch(() => false)))
          throw new DomainError(ErrorCode.CONTENT_REJECTED, '头像未通过内容安全检查');
        patch.avatarFileID = input.avatarFileID;
      }
      if (Object.keys(patch).length === 0) return view(await readUser(ctx.openid));
      const fresh: UserDoc = {
        _id: ctx.openid,
        nickname: null,
        avatarFileID: null,
        createdAt: ctx.nowMs,
        updatedAt: ctx.nowMs,
        ...patch,
      };
      if (!(await insertOnce(C.users, fresh)))
        await db()
          .collection(C.users)
          .doc(ctx.openid)
          .update({ data: { ...patch, updatedAt: ctx.nowMs } });
      return view(await readUser(ctx.openid));
    },

    async me(_input, ctx): Promise<UserProfile> {
      return view(await readUser(ctx.openid));
    },
    /** 我的公益足迹: every campaign's running totals (never a scan of the history). */
    async footprint(_input, ctx) {
      return footprint(ctx.openid, ctx.nowMs);
    },
    async setBoardOptIn(input, ctx) {
      return setBoardOptIn(ctx.openid, input.boardOptIn, ctx.nowMs);
    },
  },
});
