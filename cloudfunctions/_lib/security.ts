/** Content safety: donor messages are checked by WeChat's msgSecCheck (a local word list in the emulator). */
import { sdk } from './cloud';

export async function isTextSafe(openid: string, content: string): Promise<boolean> {
  if (!content.trim()) return true;
  const res = await sdk().openapi.security.msgSecCheck({ version: 2, openid, scene: 2, content });
  const suggest = res?.result?.suggest ?? (res?.errCode === 87014 ? 'risky' : 'pass');
  return suggest === 'pass';
}
