/** CloudPay: create the WeChat Pay order; the payment result arrives later at `payCallback`. */
import type { PaymentParams } from '../../domain/api';
import { randomToken } from '../../domain/ids';
import { sdk } from './cloud';
import { rngFor } from './clock';

export const PAY_CALLBACK_FUNCTION = 'payCallback';

export async function unifiedOrder(args: { orderId: string; body: string; totalFee: number; clientIp: string }): Promise<PaymentParams> {
  const res = await sdk().cloudPay.unifiedOrder({
    body: args.body.slice(0, 40),
    outTradeNo: args.orderId,
    spbillCreateIp: args.clientIp,
    subMchId: process.env.SHANXING_SUB_MCH_ID ?? '1900000109',
    totalFee: args.totalFee,
    envId: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? 'local',
    functionName: PAY_CALLBACK_FUNCTION,
    nonceStr: randomToken(rngFor(`nonce:${args.orderId}`), 16),
    tradeType: 'JSAPI',
  });
  if (!res?.payment) throw new Error(`unifiedOrder failed: ${JSON.stringify(res)}`);
  return res.payment as PaymentParams;
}
