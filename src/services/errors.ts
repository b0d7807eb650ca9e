/**
 * One error type for every backend failure, with a Chinese message fit to show the user: the server's own
 * when it wrote one for users (its messages carry the campaign's numbers), else a fixed text by code, or one
 * worded from the campaign for codes whose text needs a number.
 */
import { ErrorCode, isErrorResult, type ApiError as WireError } from '@domain/errors';
import type { CampaignView } from '@domain/api';
import { errorFallback } from '@/utils/rules';

/** Client-side codes for failures that never reached a function. */
export type ClientErrorCode =
  | ErrorCode
  | 'NETWORK'
  | 'PAY_CANCELLED'
  | 'PAY_FAILED'
  | 'WERUN_DENIED'
  | 'WERUN_UNAVAILABLE'
  | 'FILE_TOO_LARGE'
  | 'UPLOAD_FAILED';

const MESSAGES: Partial<Record<ClientErrorCode, string>> = {
  INVALID_INPUT: '提交的信息有误，请检查后重试',
  UNKNOWN_ACTION: '功能暂不可用，请升级后重试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN_SOURCE: '无权执行此操作',
  FORBIDDEN: '仅限授权的工作人员操作',
  INVALID_STATE: '当前状态不允许此操作',
  CLIENT_OPENID_REJECTED: '请求身份无效',
  NOT_FOUND: '内容不存在',
  PROJECT_NOT_FOUND: '项目不存在或已下线',
  PROJECT_CLOSED: '该项目已结束筹款',
  SESSION_CLOSED: '专场活动已结束',
  AMOUNT_TOO_LARGE: '超过单笔捐款上限',
  CONTENT_REJECTED: '留言包含敏感内容',
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_NOT_PAID: '订单尚未支付',
  ORDER_NOT_PAYABLE: '订单已关闭，无法继续支付',
  ORDER_NOT_REMOVABLE: '已支付的捐款不能删除',
  REQUEST_ID_REUSED: '捐款信息已变化，请重新提交',
  AMOUNT_MISMATCH: '支付金额与订单不符',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  SELF_ASSIST: '不能为自己助力',
  ASSIST_LIMIT: '今日助力次数已用完',
  SHARE_NOT_FOUND: '分享已失效',
  QUIZ_ATTEMPT_INVALID: '答题已失效，请重新开始',
  QUIZ_LIMIT: '今日答题次数已用完',
  FLOWERS_INSUFFICIENT: '小红花不足',
  ALREADY_DONATED_TODAY: '今日已捐过步数',
  CLOUDID_EXPIRED: '步数信息已过期，请重试',
  CLOUDID_INVALID: '步数信息无效',
  SPONSORS_EXHAUSTED: '今日企业捐步额度已用完',
  COUPON_NOT_FOUND: '爱心券不存在',
  COUPON_ALREADY_CLAIMED: '你已领取过该爱心券',
  COUPON_SOLD_OUT: '爱心券已领完',
  COUPON_NOT_ELIGIBLE: '该爱心券不适用于此项目',
  COUPON_EXPIRED: '爱心券已过期',
  COUPON_USED: '爱心券已使用',
  REMINDER_CLOSED: '本场配捐已全部开启',
  CONFLICT: '系统繁忙，请重试',
  INTERNAL: '系统繁忙，请稍后重试',
  NETWORK: '网络异常，请检查网络后重试',
  PAY_CANCELLED: '已取消支付',
  PAY_FAILED: '支付失败，请重试',
  WERUN_DENIED: '需要授权读取微信运动步数才能参与一块走',
  WERUN_UNAVAILABLE: '暂时无法读取微信运动步数，请稍后重试',
  FILE_TOO_LARGE: '文件过大，请压缩后重试',
  UPLOAD_FAILED: '上传失败，请重试',
};

let campaign: CampaignView | null = null;
/** The campaign store hands its settings over, so number-bearing fallbacks word its numbers. */
export function setMessageCampaign(c: CampaignView | null): void {
  campaign = c;
}

/** Server messages meant for users are Chinese; technical ones (English) stay in `detail`. */
const FOR_USERS = /[\u4e00-\u9fff]/;

function userMessage(code: ClientErrorCode, detail: string): string {
  if (FOR_USERS.test(detail)) return detail;
  return errorFallback(code, campaign) ?? MESSAGES[code] ?? MESSAGES.INTERNAL!;
}

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  /** The server's own message (shown when written for users, else kept for logs). */
  readonly detail: string;

  constructor(code: ClientErrorCode, detail = '') {
    super(userMessage(code, detail));
    // Transpiled subclasses of Error lose their prototype on ES5 targets; restore it so instanceof works.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.code = code;
    this.detail = detail;
  }
}

export function fromWire(error: WireError): ApiError {
  return new ApiError(error.code, error.message);
}

/** A function result is either the payload or `{ error }`; throw the latter. */
export function unwrap<T>(result: unknown): T {
  if (isErrorResult(result)) throw fromWire(result.error);
  return result as T;
}

/** Message to show for anything thrown by a service call. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return MESSAGES.INTERNAL!;
}
