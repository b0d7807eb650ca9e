/** Weapp transport: CloudBase callFunction. (H5 uses cloud.h5.ts; Taro picks the file per platform.) */
import Taro from '@tarojs/taro';
import { ApiError, unwrap } from './errors';

let inited = false;

export function initCloud(): void {
  if (inited) return;
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
  inited = true;
}

export async function callFunction<T>(name: string, data: Record<string, unknown>): Promise<T> {
  initCloud();
  let res: Taro.cloud.CallFunctionResult;
  try {
    res = (await Taro.cloud.callFunction({ name, data })) as Taro.cloud.CallFunctionResult;
  } catch (err) {
    throw new ApiError('NETWORK', String((err as { errMsg?: string })?.errMsg ?? err));
  }
  return unwrap<T>(res.result);
}
