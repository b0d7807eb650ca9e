/**
 * WeRun data: the steps come from WeChat for the cloudID the client passes, never from the event's own
 * `data` (a client can send any object shaped like decrypted data; only `cloud.getOpenData` is WeChat's word).
 */
import { DomainError, ErrorCode } from '../../domain/errors';
import { todaySteps } from '../../domain/steps';
import { sdk } from './cloud';

export interface WeRunData {
  cloudID: string;
  data?: { stepInfoList: Array<{ timestamp: number; step: number }> };
  errCode?: number;
  errMsg?: string;
}

/** WeChat's open-data error codes (wx-server-sdk / CloudBase). */
const EXPIRED = -601006;
const NOT_OWNER = -601007;

/** Today's (Beijing) steps from decrypted data, or a clear error for a bad cloudID. Pure. */
export function stepsFromWeRun(weRun: WeRunData, nowMs: number): number {
  if (weRun.errCode === EXPIRED) throw new DomainError(ErrorCode.CLOUDID_EXPIRED, '步数数据已过期，请重新获取');
  if (weRun.errCode === NOT_OWNER) throw new DomainError(ErrorCode.CLOUDID_INVALID, '步数数据不属于当前微信用户');
  if (weRun.errCode || !weRun.data || !Array.isArray(weRun.data.stepInfoList)) {
    throw new DomainError(ErrorCode.CLOUDID_INVALID, '步数数据无效，请重新获取');
  }
  return todaySteps(weRun.data.stepInfoList, nowMs);
}

/** The cloudID of `event.weRunData` (the platform-resolved object, or a bare cloudID string). */
function cloudIdOf(weRunData: unknown): string | null {
  if (typeof weRunData === 'string') return weRunData || null;
  const id = (weRunData as { cloudID?: unknown } | null)?.cloudID;
  return typeof id === 'string' && id ? id : null;
}

/**
 * Today's steps of the caller, asked of WeChat by cloudID (CloudBase checks expiry and that the cloudID
 * belongs to the caller). One open-API call per use; a cloudID lives 5 minutes.
 */
export async function readTodaySteps(weRunData: unknown, nowMs: number): Promise<number> {
  const cloudID = cloudIdOf(weRunData);
  if (!cloudID) throw new DomainError(ErrorCode.CLOUDID_INVALID, '步数数据无效，请重新获取');
  // An error CloudBase already put in the event needs no second call.
  const given = weRunData as WeRunData;
  if (typeof weRunData === 'object' && given.errCode) return stepsFromWeRun(given, nowMs);
  let opened: WeRunData | undefined;
  try {
    const res = await sdk().getOpenData({ list: [cloudID] });
    opened = res.list?.[0] as WeRunData | undefined;
  } catch (err) {
    const code = Number((err as { errCode?: unknown })?.errCode);
    if (code === EXPIRED || code === NOT_OWNER) return stepsFromWeRun({ cloudID, errCode: code }, nowMs);
    throw err;
  }
  return stepsFromWeRun(opened ?? { cloudID, errCode: -1 }, nowMs);
}
