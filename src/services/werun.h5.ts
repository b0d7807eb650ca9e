/**
 * H5 WeRun: there is no WeChat Run in a browser, so the local emulator issues a cloudID for the current
 * identity's steps (POST /__emulator/werun {openid, steps}); the function gets it as `weRunData` and the
 * emulator resolves it the way CloudBase resolves `wx.cloud.CloudID(...)` (5-minute expiry included).
 */
import Taro from '@tarojs/taro';
import { useIdentity } from '@/stores/identity';
import type { WeRunData } from '@domain/api';
import { ApiError } from './errors';
import { callFunction } from './cloud';

const STEPS_KEY = 'shanxing.emuSteps';

function cookieOpenId(): string {
  const hit = document.cookie
    .split(';')
    .map((p) => p.trim())
    .find((p) => p.startsWith('sx_openid='));
  return hit ? decodeURIComponent(hit.slice('sx_openid='.length)) : '';
}

/** The identity the /api bridge uses: X-OpenId if set, else the per-browser cookie (set by the first call). */
async function currentOpenId(): Promise<string> {
  const explicit = useIdentity.getState().openId;
  if (explicit) return explicit;
  if (!cookieOpenId()) await callFunction('campaign', { action: 'get' }).catch(() => undefined);
  const id = cookieOpenId();
  if (!id) throw new ApiError('WERUN_UNAVAILABLE', 'no identity cookie');
  return id;
}

const stepsKey = () => `${STEPS_KEY}.${useIdentity.getState().openId || 'default'}`;

export function emulatedSteps(): number | null {
  const v = Taro.getStorageSync(stepsKey()) as number | '';
  return typeof v === 'number' ? v : null;
}

async function issue(steps: number): Promise<string> {
  const openid = await currentOpenId();
  let res: Response;
  try {
    res = await fetch('/__emulator/werun', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ openid, steps }),
    });
  } catch (err) {
    throw new ApiError('NETWORK', String(err));
  }
  const body = (await res.json().catch(() => null)) as { cloudID?: string } | null;
  if (!res.ok || !body?.cloudID) throw new ApiError('WERUN_UNAVAILABLE', `HTTP ${res.status}`);
  return body.cloudID;
}

/** Set today's emulated steps (remembered per identity, so later reads get a fresh cloudID). */
export async function setEmulatedSteps(steps: number): Promise<void> {
  await issue(steps);
  Taro.setStorageSync(stepsKey(), steps);
}

/** A fresh cloudID string for the remembered steps (like wx.getWeRunData, every call gets a new one). */
export async function fetchWeRunData(): Promise<WeRunData> {
  const steps = emulatedSteps();
  if (steps === null) throw new ApiError('WERUN_UNAVAILABLE', 'set emulated steps first');
  return issue(steps);
}

export async function openWeRunSetting(): Promise<boolean> {
  return false;
}
