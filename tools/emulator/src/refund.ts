/**
 * CloudPay refunds: `refund` and `queryRefund` (answered as WeChat Pay's snake_case JSON, like pay.ts),
 * and the refund result notification: after accepting a refund the emulator calls its `function_name`
 * asynchronously (source 'wx_paycallback'), retrying on WeChat's schedule through Payments.deliver until
 * the function answers {errcode: 0}. A fault switch makes the next refunds be refused or fail.
 */
import { randomBytes } from 'node:crypto';
import { beijingCompact } from './clock';
import type { Notified, Order } from './pay';

const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{6,64}$/;

export type RefundState = 'PROCESSING' | 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';

export interface Refund extends Notified {
  outRefundNo: string;
  outTradeNo: string;
  transactionId?: string;
  refundId: string;
  totalFee: number;
  refundFee: number;
  envId: string;
  subMchId: string;
  state: RefundState;
  successTime?: string;
  /** The state the notification will report (decided when the request is accepted). */
  outcome: 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';
}

/**
 * `refuse`: the request itself is answered result_code FAIL with `errCode` (e.g. NOTENOUGH: 余额不足).
 * `fail`: the request is accepted, then the notification reports `status` (CHANGE: 退款异常).
 */
export type RefundFault =
  { mode: 'refuse'; errCode?: string; errCodeDes?: string } | { mode: 'fail'; status?: 'CHANGE' | 'REFUNDCLOSE' };

interface Deps {
  appid: string;
  mchId: string;
  now: () => number;
  orders: Map<string, Order>;
  deliver: (target: Notified, event: object, delayMs: number) => Promise<unknown>;
  /** Delay before the notification (WeChat refunds take seconds to days). */
  delayMs?: number;
}

export class Refunds {
  readonly refunds = new Map<string, Refund>();
  private faults: RefundFault[] = [];

  constructor(private readonly d: Deps) {}

  /** Queue faults: each applies to one later refund request, in order. */
  fault(f: RefundFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(f);
  }

  /** Forget every refund and fault (the store was wiped). Refunds live in memory only: not in the order book. */
  clear(): void {
    this.refunds.clear();
    this.faults = [];
  }

  api(
    name: 'refund' | 'queryRefund',
    req: Record<string, any>,
    base: Record<string, unknown>,
  ): Record<string, unknown> {
    const fail = (code: string, des: string) => ({ ...base, result_code: 'FAIL', err_code: code, err_code_des: des });
    if (name === 'queryRefund') {
      const r = req.out_refund_no
        ? this.refunds.get(String(req.out_refund_no))
        : [...this.refunds.values()].find((x) => x.outTradeNo === req.out_trade_no);
      if (!r) return fail('REFUNDNOTEXIST', '退款订单查询失败');
      return {
        ...base,
        result_code: 'SUCCESS',
        out_trade_no: r.outTradeNo,
        transaction_id: r.transactionId,
        total_fee: r.totalFee,
        refund_count: 1,
        out_refund_no_0: r.outRefundNo,
        refund_id_0: r.refundId,
        refund_fee_0: r.refundFee,
        refund_status_0: r.state,
        ...(r.successTime ? { refund_success_time_0: r.successTime } : {}),
      };
    }
    const outRefundNo = String(req.out_refund_no ?? '');
    const totalFee = Number(req.total_fee);
    const refundFee = Number(req.refund_fee);
    if (!OUT_REFUND_NO.test(outRefundNo)) return fail('PARAM_ERROR', 'out_refund_no 6-64 chars of [0-9A-Za-z_-|*@]');
    if (!Number.isInteger(refundFee) || refundFee <= 0)
      return fail('PARAM_ERROR', 'refund_fee must be a positive integer (fen)');
    const order =
      this.d.orders.get(String(req.out_trade_no ?? '')) ??
      [...this.d.orders.values()].find((o) => o.transactionId && o.transactionId === req.transaction_id);
    if (!order) return fail('ORDERNOTEXIST', '订单不存在');
    if (order.state !== 'SUCCESS') return fail('TRADE_STATE_ERROR', '订单状态错误：订单未支付');
    if (totalFee !== order.totalFee) return fail('PARAM_ERROR', 'total_fee 与订单金额不一致');
    const old = this.refunds.get(outRefundNo);
    if (old && (old.outTradeNo !== order.outTradeNo || old.refundFee !== refundFee))
      return fail('INVALID_REQUEST', '同一退款单号参数不一致');
    // Full refunds only in this emulator's bookkeeping: the other refunds of the order count against its total.
    const others = [...this.refunds.values()].filter(
      (r) => r.outTradeNo === order.outTradeNo && r.outRefundNo !== outRefundNo && r.state !== 'REFUNDCLOSE',
    );
    if (others.reduce((s, r) => s + r.refundFee, 0) + refundFee > order.totalFee)
      return fail('INVALID_REQUEST', '退款金额大于支付金额');
    const accepted = (r: Refund) => ({
      ...base,
      result_code: 'SUCCESS',
      out_trade_no: r.outTradeNo,
      transaction_id: r.transactionId,
      out_refund_no: r.outRefundNo,
      refund_id: r.refundId,
      refund_fee: r.refundFee,
      total_fee: r.totalFee,
      cash_fee: r.totalFee,
    });
    // Same out_refund_no while processing or done: the same refund, answered again, no second notification.
    if (old && (old.state === 'PROCESSING' || old.state === 'SUCCESS')) return accepted(old);

    const fault = this.faults.shift();
    if (fault?.mode === 'refuse')
      return fail(fault.errCode ?? 'NOTENOUGH', fault.errCodeDes ?? '基本账户余额不足，请充值后重新发起');
    const refund: Refund = {
      outRefundNo,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      refundId:
        old?.refundId ??
        `50${beijingCompact(this.d.now()).slice(0, 8)}${randomBytes(8)
          .toString('hex')
          .replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))}`,
      totalFee,
      refundFee,
      functionName: String(req.function_name ?? ''),
      envId: String(req.env_id ?? ''),
      subMchId: String(req.sub_mch_id ?? ''),
      openid: order.openid,
      state: 'PROCESSING',
      outcome: fault?.mode === 'fail' ? (fault.status ?? 'CHANGE') : 'SUCCESS',
      notifications: [],
      settled: false,
    };
    this.refunds.set(outRefundNo, refund);
    // WeChat decides at once here; the notification goes out after the answer (a timer, never inline).
    refund.state = refund.outcome;
    if (refund.state === 'SUCCESS')
      refund.successTime = beijingCompact(this.d.now()).replace(
        /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
        '$1-$2-$3 $4:$5:$6',
      );
    if (refund.functionName) void this.d.deliver(refund, this.event(refund), this.d.delayMs ?? 0);
    return accepted(refund);
  }

  /** The notification's decrypted req_info plus the envelope, camel-cased as CloudPay hands it to the function. */
  event(r: Refund): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      appid: this.d.appid,
      mchId: this.d.mchId,
      subMchId: r.subMchId,
      nonceStr: randomBytes(16).toString('hex'),
      transactionId: r.transactionId,
      outTradeNo: r.outTradeNo,
      refundId: r.refundId,
      outRefundNo: r.outRefundNo,
      totalFee: r.totalFee,
      settlementTotalFee: r.totalFee,
      refundFee: r.refundFee,
      settlementRefundFee: r.refundFee,
      refundStatus: r.state,
      ...(r.successTime ? { successTime: r.successTime } : {}),
      refundRecvAccout: '支付用户零钱',
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    };
  }
}
