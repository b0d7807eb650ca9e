/**
 * CloudPay: unifiedOrder/queryOrder/closeOrder (wx.wxPayApi, answered as snake_case JSON that
 * wx-server-sdk src/api/cloudpay/namespace/generic.ts camel-cases), and the payment notification:
 * `pay()` marks an order paid and calls its callback function with source 'wx_paycallback', retrying on
 * WeChat's schedule until it returns {errcode: 0}.
 */
import { createHash, randomBytes } from 'node:crypto';
import { beijingCompact } from './clock';
import { EmulatorError } from './host';

export const RETRY_SCHEDULE_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

export interface Order {
  outTradeNo: string;
  body: string;
  totalFee: number;
  functionName: string;
  envId: string;
  subMchId: string;
  nonceStr: string;
  openid?: string;
  prepayId: string;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED';
  transactionId?: string;
  timeEnd?: string;
  notifications: { attempt: number; ok: boolean; result: unknown; at: number }[];
  settled: boolean;
}

export interface PayOptions {
  duplicates?: number;
  delaysMs?: number[];
}

type Invoke = (fn: string, event: unknown, openid: string | undefined) => Promise<unknown>;

export class Payments {
  readonly orders = new Map<string, Order>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly mchId = '1900000109';

  constructor(
    private readonly d: { appid: string; now: () => number; invoke: Invoke; retryScale: number },
  ) {}

  /** wx.wxPayApi dispatcher; returns the JSON WeChat Pay would (snake_case). */
  api(name: string, req: Record<string, any>, openid: string | undefined): Record<string, unknown> {
    const base = { return_code: 'SUCCESS', return_msg: 'OK', appid: this.d.appid, mch_id: this.mchId, sub_mch_id: req.sub_mch_id, nonce_str: randomBytes(8).toString('hex') };
    const fail = (code: string, des: string) => ({ ...base, result_code: 'FAIL', err_code: code, err_code_des: des });
    if (name === 'unifiedOrder') {
      const totalFee = Number(req.total_fee);
      if (!OUT_TRADE_NO.test(String(req.out_trade_no ?? ''))) return fail('PARAM_ERROR', 'out_trade_no 6-32 chars of [0-9A-Za-z_-|*]');
      if (!Number.isInteger(totalFee) || totalFee <= 0) return fail('PARAM_ERROR', 'total_fee must be a positive integer (fen)');
      if (!req.function_name) return fail('PARAM_ERROR', 'function_name required');
      const old = this.orders.get(req.out_trade_no);
      if (old && old.state === 'SUCCESS') return fail('ORDERPAID', '该订单已支付');
      if (old && old.state === 'CLOSED') return fail('ORDERCLOSED', '订单已关闭');
      if (old && (old.totalFee !== totalFee || old.openid !== openid)) return fail('INVALID_REQUEST', '201 商户订单号重复');
      const order: Order = old ?? {
        outTradeNo: req.out_trade_no,
        body: String(req.body ?? ''),
        totalFee,
        functionName: String(req.function_name),
        envId: String(req.env_id ?? ''),
        subMchId: String(req.sub_mch_id ?? ''),
        nonceStr: String(req.nonce_str ?? ''),
        openid,
        prepayId: `wx${randomBytes(14).toString('hex')}`,
        state: 'NOTPAY',
        notifications: [],
        settled: false,
      };
      this.orders.set(order.outTradeNo, order);
      const timeStamp = String(Math.floor(this.d.now() / 1000));
      const nonceStr = randomBytes(16).toString('hex');
      const pkg = `prepay_id=${order.prepayId}`;
      const paySign = createHash('md5').update(`${this.d.appid}${timeStamp}${nonceStr}${pkg}MD5`).digest('hex').toUpperCase();
      return { ...base, result_code: 'SUCCESS', trade_type: req.trade_type ?? 'JSAPI', prepay_id: order.prepayId, payment: { timeStamp, nonceStr, package: pkg, signType: 'MD5', paySign } };
    }
    const order = this.orders.get(req.out_trade_no);
    if (name === 'queryOrder') {
      if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在');
      return { ...base, result_code: 'SUCCESS', trade_state: order.state, out_trade_no: order.outTradeNo, transaction_id: order.transactionId, total_fee: order.totalFee, cash_fee: order.totalFee, time_end: order.timeEnd, openid: order.openid, sub_openid: order.openid };
    }
    if (name === 'closeOrder') {
      if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在');
      if (order.state === 'SUCCESS') return fail('ORDERPAID', '订单已支付，不能发起关单');
      order.state = 'CLOSED';
      return { ...base, result_code: 'SUCCESS' };
    }
    return { return_code: 'FAIL', return_msg: `emulator does not support cloudPay.${name}` };
  }

  /** Mark paid and notify; resolves after the first notification attempt. */
  async pay(orderId: string, opts: PayOptions = {}): Promise<{ ok: boolean; attempts: number; lastResult: unknown; transactionId: string }> {
    const order = this.orders.get(orderId);
    if (!order) throw new EmulatorError('ORDER_NOT_FOUND', `no order ${orderId}`, 404);
    if (order.state === 'SUCCESS') throw new EmulatorError('ORDER_ALREADY_PAID', `order ${orderId} already paid`, 409);
    if (order.state === 'CLOSED') throw new EmulatorError('ORDER_CLOSED', `order ${orderId} is closed`, 409);
    const now = this.d.now();
    order.state = 'SUCCESS';
    order.transactionId = `4200${beijingCompact(now).slice(0, 8)}${randomBytes(8).toString('hex').replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))}`;
    order.timeEnd = beijingCompact(now);
    const event = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      subOpenid: order.openid,
      totalFee: order.totalFee,
      cashFee: order.totalFee,
      timeEnd: order.timeEnd,
      subMchId: order.subMchId,
      appid: this.d.appid,
      mchId: this.mchId,
      nonceStr: randomBytes(16).toString('hex'),
      feeType: 'CNY',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      isSubscribe: 'N',
    };
    for (let i = 0; i < (opts.duplicates ?? 0); i++) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.notify(order, event);
      }, opts.delaysMs?.[i] ?? 0);
      this.timers.add(t);
    }
    const first = await this.notify(order, event);
    if (!first.ok) this.scheduleRetry(order, event, 0);
    return { ok: first.ok, attempts: order.notifications.length, lastResult: first.result, transactionId: order.transactionId };
  }

  private async notify(order: Order, event: object): Promise<{ ok: boolean; result: unknown }> {
    let result: unknown;
    let ok = false;
    try {
      result = await this.d.invoke(order.functionName, event, order.openid);
      ok = !!result && typeof result === 'object' && (result as any).errcode === 0;
    } catch (e) {
      result = { error: { code: (e as any).code ?? 'FUNCTION_ERROR', message: (e as Error).message } };
    }
    order.notifications.push({ attempt: order.notifications.length + 1, ok, result, at: this.d.now() });
    // Any delivery that got errcode 0 (a duplicate included) ends WeChat's retries.
    if (ok) order.settled = true;
    return { ok, result };
  }

  private scheduleRetry(order: Order, event: object, i: number): void {
    if (i >= RETRY_SCHEDULE_S.length || order.settled) return;
    const t = setTimeout(async () => {
      this.timers.delete(t);
      const r = await this.notify(order, event);
      if (!r.ok) this.scheduleRetry(order, event, i + 1);
    }, RETRY_SCHEDULE_S[i] * 1000 * this.d.retryScale);
    this.timers.add(t);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
