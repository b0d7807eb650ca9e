/** H5 transport: the local emulator serves each cloud function at POST /api/<name>. */
import { useIdentity } from '@/stores/identity';
import { ApiError, fromWire, unwrap } from './errors';

export function initCloud(): void {}

export async function callFunction<T>(name: string, data: Record<string, unknown>): Promise<T> {
  const openId = useIdentity.getState().openId;
  let res: Response;
  try {
    res = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(openId ? { 'X-OpenId': openId } : {}) },
      credentials: 'same-origin',
      body: JSON.stringify({ data }),
    });
  } catch (err) {
    throw new ApiError('NETWORK', String(err));
  }
  const body = (await res.json().catch(() => null)) as {
    result?: unknown;
    error?: { code: never; message: string };
  } | null;
  if (!res.ok || !body) {
    if (body?.error?.code) throw fromWire(body.error);
    throw new ApiError(res.status >= 500 ? 'INTERNAL' : 'NETWORK', `HTTP ${res.status}`);
  }
  return unwrap<T>(body.result);
}
