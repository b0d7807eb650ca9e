/** `users` results: the caller's own public profile (头像昵称填写). */

export interface UserProfile {
  /** Shown on donor lists, the assist page, the certificate and the poster; null until set. */
  nickname: string | null;
  /** Cloud storage file id of the avatar, null until set. */
  avatarFileID: string | null;
  /** A URL the avatar can be shown from (a temporary link for H5; the file id works on weapp), or null. */
  avatarUrl: string | null;
}
