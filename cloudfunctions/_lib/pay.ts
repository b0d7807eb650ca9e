/** CloudPay: create the WeChat Pay order; the payment result arrives later at `payCallback`. */
import type { PaymentParams } from '../../domain/api';
import { randomToken } from '../../domain/ids';
import { sdk } from './cloud';
import { cryptoRng } from './clock';

export const PAY_CALLBACK_FUNCTION = 'payCallback';

const subMchId = () => process.env.SHANXING_SUB_MCH_ID ?? '1900000109';

/**
 * Close the WeChat Pay order so it can no longer be paid. 'paid' means the user paid before we
 * closed it: the order must stay open for its callback (which is on its way or being retried).
 */
export async function closeWxOrder(orderId: string): Promise<'closed' | 'paid'> {
  const req = () => ({ outTradeNo: orderId, subMchId: subMchId(), nonceStr: randomToken(cryptoRng, 16) });
  const closed = await sdk().cloudPay.closeOrder!(req());
  if (closed?.resultCode === 'SUCCESS') return 'closed';
  // A refused close (the SDK's errCode is its own, not WeChat's): ask WeChat what the order's state is.
  const query = await sdk().cloudPay.queryOrder!(req());
  if (query?.resultCode === 'SUCCESS' && query.tradeState === 'SUCCESS') return 'paid';
  if (query?.resultCode === 'SUCCESS' && query.tradeState !== 'CLOSED') throw new Error(`closeOrder refused: ${JSON.stringify(closed)}`);
  return 'closed'; // closed already, or never created on WeChat's side
}

export async function unifiedOrder(args: { orderId: string; body: string; totalFee: number; clientIp: string }): Promise<PaymentParams> {
  const res = await sdk().cloudPay.unifiedOrder({
    body: args.body.slice(0, 40),
    outTradeNo: args.orderId,
    spbillCreateIp: args.clientIp,
    subMchId: subMchId(),
    totalFee: args.totalFee,
    envId: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? 'local',
    functionName: PAY_CALLBACK_FUNCTION,
    nonceStr: randomToken(cryptoRng, 16),
    tradeType: 'JSAPI',
  });
  if (!res?.payment) throw new Error(`unifiedOrder failed: ${JSON.stringify(res)}`);
  return res.payment as PaymentParams;
}
