/** H5 transport: the local emulator serves each cloud function at POST /api/<name>. */
import { useIdentity } from '@/stores/identity';
import { ApiError, fromWire, unwrap } from './errors';
import { postCall, takePrefetched, type WireReply } from './prefetch';

export function initCloud(): void {}

export async function callFunction<T>(name: string, data: Record<string, unknown>): Promise<T> {
  const openId = useIdentity.getState().openId;
  let reply: WireReply;
  try {
    // The shell fetched as the browser's own identity: its replies serve only calls made without a dev openid.
    reply = await ((!openId && takePrefetched(name, data)) || postCall(name, data, openId));
  } catch (err) {
    throw new ApiError('NETWORK', String(err));
  }
  const { ok, status, body } = reply;
  if (!ok || !body) {
    if (body?.error?.code) throw fromWire(body.error);
    throw new ApiError(status >= 500 ? 'INTERNAL' : 'NETWORK', `HTTP ${status}`);
  }
  return unwrap<T>(body.result);
}
