/**
 * Content safety and server-side secrets. Donor messages are checked by WeChat's msgSecCheck (a local
 * word list in the emulator).
 */
import { randomToken } from '../../domain/ids';
import { insertOrGet, sdk } from './cloud';
import { cryptoRng } from './clock';
import { C } from './collections';

export async function isTextSafe(openid: string, content: string): Promise<boolean> {
  if (!content.trim()) return true;
  const res = await sdk().openapi.security.msgSecCheck({ version: 2, openid, scene: 2, content });
  const suggest = res?.result?.suggest ?? (res?.errCode === 87014 ? 'risky' : 'pass');
  return suggest === 'pass';
}

/** Largest avatar checked (imgSecCheck takes images up to 1 MB). */
export const MAX_AVATAR_BYTES = 1024 * 1024;

/**
 * An image in cloud storage passes WeChat's image check (imgSecCheck; emulated locally). False when the
 * check flags it (errcode 87014); a missing file or one too large is not an image we can show either.
 */
export async function isImageSafe(fileID: string): Promise<boolean> {
  const { fileContent } = await sdk().downloadFile({ fileID });
  if (!fileContent?.length || fileContent.length > MAX_AVATAR_BYTES) return false;
  const type = fileContent[0] === 0xff ? 'image/jpeg' : 'image/png';
  const res = await sdk().openapi.security.imgSecCheck({ media: { contentType: type, value: fileContent } });
  return Number(res?.errCode ?? res?.errcode ?? 0) === 0;
}

let labelSecret: Promise<string> | null = null;

/**
 * The key of public donor labels: `SHANXING_LABEL_SECRET` when set, else a random one created once per
 * environment in `app_secrets` (clients can read no collection) and cached per instance. Concurrent
 * first calls converge on one stored value.
 */
export function donorLabelSecret(): Promise<string> {
  const fromEnv = process.env.SHANXING_LABEL_SECRET;
  if (fromEnv) return Promise.resolve(fromEnv);
  labelSecret ??= insertOrGet<{ _id: string; value: string }>(C.appSecrets, {
    _id: 'donorLabel',
    value: randomToken(cryptoRng, 32),
  })
    .then((d) => d.value)
    .catch((err) => {
      labelSecret = null; // retry on the next call
      throw err;
    });
  return labelSecret;
}
