/**
 * `refundCallback`: WeChat Pay's refund result notification (the `functionName` admin.refund passes to
 * cloudPay.refund). Its own function rather than a branch of payCallback: a different event, and the
 * payment path at 10:00 stays as lean as it is. Retried by WeChat like the payment notification; every
 * repeat changes nothing and answers {errcode: 0} (_lib/refunds.ts does the work).
 */
import { refundCallbackInput } from '../../../domain/schemas';
import { ErrorCode } from '../../../domain/errors';
import type { CallbackAck, Failure } from '../../../domain/api';
import { callerContext } from '../../_lib/cloud';
import { now } from '../../_lib/clock';
import { fail, stripPlatformKeys } from '../../_lib/handler';
import { handleRefundNotice } from '../../_lib/refunds';
import { campaignOfOrder, inCampaign } from '../../_lib/campaign';

const OK: CallbackAck = { errcode: 0, errmsg: '' };

export async function main(event: Record<string, unknown> = {}): Promise<CallbackAck | Failure> {
  if (callerContext().source !== 'wx_paycallback')
    return fail(ErrorCode.FORBIDDEN_SOURCE, 'only WeChat Pay may call this function');
  const parsed = refundCallbackInput.safeParse(stripPlatformKeys(event));
  if (!parsed.success) return { errcode: 1, errmsg: ErrorCode.INVALID_INPUT };
  const n = parsed.data;
  if (n.returnCode !== 'SUCCESS') return OK; // nothing was decided: WeChat sends the result later
  // 'missing' is a refund not asked for by this app (e.g. made in the merchant platform): nothing to undo here.
  // In the refunded order's campaign (its settings and catalog decide the top-up reversal).
  await inCampaign(await campaignOfOrder(n.outTradeNo), () => handleRefundNotice(n, now()));
  return OK;
}
