/** CloudPay: create the WeChat Pay order; the payment result arrives later at `payCallback`. */
import type { PaymentParams } from '../../domain/api';
import { randomToken } from '../../domain/ids';
import { parseWxPayTime } from '../../domain/time';
import { sdk } from './cloud';
import { cryptoRng } from './clock';

export const PAY_CALLBACK_FUNCTION = 'payCallback';

/**
 * The sub-merchant id every CloudPay call names. No default: a missing id must stop the first payment
 * call loudly rather than send money requests for WeChat's sample merchant (the emulator sets a local one).
 */
export function subMchId(): string {
  const id = process.env.SHANXING_SUB_MCH_ID;
  if (!id || !/^\d{8,12}$/.test(id))
    throw new Error(
      `SHANXING_SUB_MCH_ID is ${id ? `not a merchant id: ${id}` : 'not set'}; ` +
        "set it in each paying function's environment (docs/deploy.md)",
    );
  return id;
}

/**
 * wx-server-sdk overwrites WeChat's err_code with its own errCode 0, so "no such order" is recognised by
 * its err_code_des (WeChat: 此交易订单号不存在).
 */
const NOT_EXIST = /ORDERNOTEXIST|订单号?不存在/;

/**
 * Close the WeChat Pay order so it can no longer be paid. Only WeChat's word counts: 'closed' when it
 * says closed (or the order never existed there), 'paid' when the user paid first (the order must stay
 * open for its callback, which is on its way or being retried), and 'unknown' when WeChat did not answer
 * or refused for another reason: the caller keeps the order pending and tries again later.
 */
export async function closeWxOrder(orderId: string): Promise<'closed' | 'paid' | 'unknown'> {
  const id = subMchId(); // a configuration error is not "no answer": let it throw
  const req = () => ({ outTradeNo: orderId, subMchId: id, nonceStr: randomToken(cryptoRng, 16) });
  try {
    const closed = await sdk().cloudPay.closeOrder!(req());
    if (closed?.returnCode === 'SUCCESS' && closed.resultCode === 'SUCCESS') return 'closed';
    // Refused (paid, already closed, system error…): ask what the order's state is.
    const query = await sdk().cloudPay.queryOrder!(req());
    if (query?.returnCode !== 'SUCCESS') return 'unknown';
    if (query.resultCode !== 'SUCCESS') return NOT_EXIST.test(String(query.errCodeDes ?? '')) ? 'closed' : 'unknown';
    if (query.tradeState === 'SUCCESS' || query.tradeState === 'REFUND') return 'paid';
    return query.tradeState === 'CLOSED' || query.tradeState === 'REVOKED' ? 'closed' : 'unknown';
  } catch (err) {
    console.warn(
      `closeWxOrder ${orderId}: no answer from WeChat Pay, kept pending`,
      String((err as Error)?.message ?? err),
    );
    return 'unknown';
  }
}

/** WeChat Pay's view of an order: paid (with its paid time, ms), closed, or not paid yet. */
export async function queryWxOrder(
  orderId: string,
): Promise<{ state: 'paid'; paidAtMs: number } | { state: 'closed' | 'unpaid' }> {
  const res = await sdk().cloudPay.queryOrder!({
    outTradeNo: orderId,
    subMchId: subMchId(),
    nonceStr: randomToken(cryptoRng, 16),
  });
  if (res?.resultCode !== 'SUCCESS') return { state: 'unpaid' };
  if (res.tradeState === 'SUCCESS')
    return { state: 'paid', paidAtMs: (res.timeEnd && parseWxPayTime(String(res.timeEnd))) || 0 };
  return { state: res.tradeState === 'CLOSED' ? 'closed' : 'unpaid' };
}

export async function unifiedOrder(args: {
  orderId: string;
  body: string;
  totalFee: number;
  clientIp: string;
}): Promise<PaymentParams> {
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
