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
