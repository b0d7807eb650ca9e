/** Weapp payment: hand the CloudPay parameters to WeChat Pay. (H5: pay.h5.ts simulates it.) */
import Taro from '@tarojs/taro';
import type { DonateCreateResult } from '@domain/api';
import { ApiError } from './errors';

/** WeChat's pay sheet is modal (the page cannot be left while it is up), so `signal` has nothing to stop. */
export async function pay(order: DonateCreateResult, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new ApiError('PAY_CANCELLED', 'aborted');
  try {
    await Taro.requestPayment({ ...order.payment, signType: order.payment.signType as 'MD5' | 'HMAC-SHA256' | 'RSA' });
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? '');
    throw new ApiError(msg.includes('cancel') ? 'PAY_CANCELLED' : 'PAY_FAILED', msg);
  }
}
