/** WeRun data as CloudBase hands it to a function: decrypted step list, or an error for a bad CloudID. */
import { DomainError, ErrorCode } from '../../domain/errors';
import { todaySteps } from '../../domain/steps';

export interface WeRunData {
  cloudID: string;
  data?: { stepInfoList: Array<{ timestamp: number; step: number }> };
  errCode?: number;
  errMsg?: string;
}

const EXPIRED = -601006;

/** Today's (Beijing) steps from the decrypted data; never from a number the client sends. */
export function stepsFromWeRun(weRun: WeRunData, nowMs: number): number {
  if (weRun.errCode === EXPIRED) throw new DomainError(ErrorCode.CLOUDID_EXPIRED, '步数数据已过期，请重新获取');
  if (weRun.errCode || !weRun.data) throw new DomainError(ErrorCode.CLOUDID_INVALID, weRun.errMsg ?? '步数数据无效');
  return todaySteps(weRun.data.stepInfoList, nowMs);
}
