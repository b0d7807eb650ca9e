/**
 * Weapp WeRun: ask for scope.werun, read today's data as a CloudID (valid 5 minutes) and hand it to the
 * function as `weRunData: wx.cloud.CloudID(id)`, which CloudBase decrypts before the function runs.
 * (H5 has no WeRun: werun.h5.ts talks to the local emulator instead.)
 */
import Taro from '@tarojs/taro';
import type { WeRunData } from '@domain/api';
import { ApiError } from './errors';
import { initCloud } from './cloud';

export async function fetchWeRunData(): Promise<WeRunData> {
  try {
    await Taro.authorize({ scope: 'scope.werun' });
  } catch (err) {
    throw new ApiError('WERUN_DENIED', String((err as { errMsg?: string })?.errMsg ?? err));
  }
  let cloudID: string | undefined;
  try {
    cloudID = (await Taro.getWeRunData()).cloudID;
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? err);
    throw new ApiError(msg.includes('auth') ? 'WERUN_DENIED' : 'WERUN_UNAVAILABLE', msg);
  }
  if (!cloudID) throw new ApiError('WERUN_UNAVAILABLE', 'no cloudID');
  initCloud();
  return Taro.cloud.CloudID(cloudID) as unknown as WeRunData;
}

/** Only the H5 emulator can set steps. */
export async function setEmulatedSteps(_steps: number): Promise<void> {
  throw new ApiError('WERUN_UNAVAILABLE', 'emulated steps are H5-only');
}

export function emulatedSteps(): number | null {
  return null;
}

export async function openWeRunSetting(): Promise<boolean> {
  const res = await Taro.openSetting();
  return !!res.authSetting['scope.werun'];
}
