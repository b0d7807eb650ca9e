/**
 * CloudPay: unifiedOrder/queryOrder/closeOrder (wx.wxPayApi, answered as snake_case JSON that
 * wx-server-sdk src/api/cloudpay/namespace/generic.ts camel-cases), and the payment notification:
 * `pay()` marks an order paid and calls its callback function with source 'wx_paycallback', retrying on
 * WeChat's schedule until it returns {errcode: 0}.
 */
import { createHash, randomBytes } from 'node:crypto';
import { beijingCompact } from './clock';
import { EmulatorError } from './host';
import { Refunds } from './refund';

export const RETRY_SCHEDULE_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

/** Whatever receives WeChat's notifications (an order's payment, a refund). */
export interface Notified {
  functionName: string;
  openid?: string;
  notifications: { attempt: number; ok: boolean; result: unknown; at: number }[];
  settled: boolean;
}

export interface Order extends Notified {
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
  /**
   * The payment notification WeChat keeps delivering until settled: its event, the retry-schedule step
   * that runs next (-1 = the first delivery) and when (epoch ms of the real clock, like the timers).
   */
  pending?: { event: object; step: number; dueAtMs: number };
}

/** Where orders live across restarts (index.ts keeps them in an internal datafile of the data dir). */
export interface OrderBook {
  load(): Promise<Order[]>;
  save(order: Order): Promise<void>;
}

/** A switch for tests: the next `times` calls of `api` fail (`error`: SYSTEMERROR, `drop`: no HTTP answer). */
export type PayFault = { api: 'queryOrder' | 'closeOrder'; mode: 'error' | 'drop'; times: number };

/** Thrown by `api` when a fault says the connection drops: tcb.ts destroys the socket. */
export class DropConnection extends Error {}

export interface PayOptions {
  duplicates?: number;
  delaysMs?: number[];
}

type Invoke = (fn: string, event: unknown, openid: string | undefined) => Promise<unknown>;

export class Payments {
  readonly orders = new Map<string, Order>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly mchId = '1900000109';

  private faults: PayFault[] = [];

  /** cloudPay.refund/queryRefund and the refund notification (refund.ts). */
  readonly refunds: Refunds;

  constructor(
    private readonly d: { appid: string; now: () => number; invoke: Invoke; retryScale: number; book?: OrderBook },
  ) {
    this.refunds = new Refunds({
      appid: d.appid,
      mchId: this.mchId,
      now: d.now,
      orders: this.orders,
      deliver: (t, e, ms) => this.deliver(t, e, ms),
    });
  }

  /** wx.wxPayApi dispatcher; returns the JSON WeChat Pay would (snake_case). */
  async api(name: string, req: Record<string, any>, openid: string | undefined): Promise<Record<string, unknown>> {
    const base = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: this.d.appid,
      mch_id: this.mchId,
      sub_mch_id: req.sub_mch_id,
      nonce_str: randomBytes(8).toString('hex'),
    };
    const fail = (code: string, des: string) => ({ ...base, result_code: 'FAIL', err_code: code, err_code_des: des });
    if (name === 'unifiedOrder') {
      const totalFee = Number(req.total_fee);
      if (!OUT_TRADE_NO.test(String(req.out_trade_no ?? '')))
        return fail('PARAM_ERROR', 'out_trade_no 6-32 chars of [0-9A-Za-z_-|*]');
      if (!Number.isInteger(totalFee) || totalFee <= 0)
        return fail('PARAM_ERROR', 'total_fee must be a positive integer (fen)');
      if (!req.function_name) return fail('PARAM_ERROR', 'function_name required');
      const old = this.orders.get(req.out_trade_no);
      if (old && old.state === 'SUCCESS') return fail('ORDERPAID', '该订单已支付');
      if (old && old.state === 'CLOSED') return fail('ORDERCLOSED', '订单已关闭');
      if (old && (old.totalFee !== totalFee || old.openid !== openid))
        return fail('INVALID_REQUEST', '201 商户订单号重复');
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
      await this.save(order); // the prepay is WeChat's promise: it must survive a crash
      const timeStamp = String(Math.floor(this.d.now() / 1000));
      const nonceStr = randomBytes(16).toString('hex');
      const pkg = `prepay_id=${order.prepayId}`;
      const paySign = createHash('md5')
        .update(`${this.d.appid}${timeStamp}${nonceStr}${pkg}MD5`)
        .digest('hex')
        .toUpperCase();
      return {
        ...base,
        result_code: 'SUCCESS',
        trade_type: req.trade_type ?? 'JSAPI',
        prepay_id: order.prepayId,
        payment: { timeStamp, nonceStr, package: pkg, signType: 'MD5', paySign },
      };
    }
    if (name === 'refund' || name === 'queryRefund') return this.refunds.api(name, req, base);
    const fault = this.faults.find((f) => f.api === name && f.times > 0);
    if (fault) {
      fault.times--;
      if (fault.mode === 'drop') throw new DropConnection(`emulator fault: ${name} gets no answer`);
      return fail('SYSTEMERROR', '系统超时，请稍后再试');
    }
    const order = this.orders.get(req.out_trade_no);
    if (name === 'queryOrder') {
      if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在');
      return {
        ...base,
        result_code: 'SUCCESS',
        trade_state: order.state,
        out_trade_no: order.outTradeNo,
        transaction_id: order.transactionId,
        total_fee: order.totalFee,
        cash_fee: order.totalFee,
        time_end: order.timeEnd,
        openid: order.openid,
        sub_openid: order.openid,
      };
    }
    if (name === 'closeOrder') {
      if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在');
      if (order.state === 'SUCCESS') return fail('ORDERPAID', '订单已支付，不能发起关单');
      if (order.state === 'CLOSED') return fail('ORDERCLOSED', '订单已关闭');
      order.state = 'CLOSED';
      await this.save(order);
      return { ...base, result_code: 'SUCCESS' };
    }
    return { return_code: 'FAIL', return_msg: `emulator does not support cloudPay.${name}` };
  }

  /** Mark paid and notify; resolves after the first notification attempt. */
  async pay(
    orderId: string,
    opts: PayOptions = {},
  ): Promise<{ ok: boolean; attempts: number; lastResult: unknown; transactionId: string }> {
    const order = this.orders.get(orderId);
    if (!order) throw new EmulatorError('ORDER_NOT_FOUND', `no order ${orderId}`, 404);
    if (order.state === 'SUCCESS') throw new EmulatorError('ORDER_ALREADY_PAID', `order ${orderId} already paid`, 409);
    if (order.state === 'CLOSED') throw new EmulatorError('ORDER_CLOSED', `order ${orderId} is closed`, 409);
    const now = this.d.now();
    order.state = 'SUCCESS';
    order.transactionId = `4200${beijingCompact(now).slice(0, 8)}${randomBytes(8)
      .toString('hex')
      .replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))}`;
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
    // Paid is final once written down: after a crash the notification is delivered again.
    order.pending = { event, step: -1, dueAtMs: Date.now() };
    await this.save(order);
    for (let i = 0; i < (opts.duplicates ?? 0); i++) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.notify(order, event);
      }, opts.delaysMs?.[i] ?? 0);
      this.timers.add(t);
    }
    const first = await this.notify(order, event);
    if (!first.ok) this.scheduleRetry(order, event, 0);
    else await this.save(order);
    return {
      ok: first.ok,
      attempts: order.notifications.length,
      lastResult: first.result,
      transactionId: order.transactionId,
    };
  }

  /** Notify `target` after `delayMs`, then on WeChat's retry schedule until it answers {errcode: 0}. */
  deliver(target: Notified, event: object, delayMs = 0): Promise<{ ok: boolean; result: unknown }> {
    return new Promise((resolve) => {
      const t = setTimeout(async () => {
        this.timers.delete(t);
        const first = await this.notify(target, event);
        if (!first.ok) this.scheduleRetry(target, event, 0);
        resolve(first);
      }, delayMs);
      this.timers.add(t);
    });
  }

  private async notify(order: Notified, event: object): Promise<{ ok: boolean; result: unknown }> {
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
    if (ok) {
      order.settled = true;
      delete (order as Order).pending;
    }
    return { ok, result };
  }

  private scheduleRetry(order: Notified, event: object, i: number): void {
    if (i >= RETRY_SCHEDULE_S.length || order.settled) {
      // WeChat gives up after the last step (or the order settled): nothing left to resume.
      delete (order as Order).pending;
      void this.save(order);
      return;
    }
    this.retryIn(order, event, i, RETRY_SCHEDULE_S[i] * 1000 * this.d.retryScale);
  }

  /** Run retry step `i` after `delayMs` (noted in the order first, so a restart resumes it). */
  private retryIn(order: Notified, event: object, i: number, delayMs: number): void {
    (order as Order).pending = { event, step: i, dueAtMs: Date.now() + delayMs };
    void this.save(order);
    const t = setTimeout(async () => {
      this.timers.delete(t);
      const r = await this.notify(order, event);
      if (!r.ok) this.scheduleRetry(order, event, i + 1);
      else void this.save(order);
    }, delayMs);
    this.timers.add(t);
  }

  /** Persist an order (only orders: refunds and others that share notify() are not in the book). */
  private async save(o: Notified): Promise<void> {
    const order = o as Order;
    if (!this.d.book || this.orders.get(order.outTradeNo) !== order) return;
    await this.d.book
      .save(order)
      .catch((e) => console.error(`[emulator] cloudpay: saving ${order.outTradeNo} failed`, e));
  }

  /** Load the book after a restart and deliver again every notification that was still pending. */
  async restore(): Promise<number> {
    if (!this.d.book) return 0;
    let resumed = 0;
    for (const o of await this.d.book.load()) {
      this.orders.set(o.outTradeNo, o);
      if (o.state !== 'SUCCESS' || o.settled || !o.pending) continue;
      const { event, step, dueAtMs } = o.pending;
      const delay = Math.max(0, dueAtMs - Date.now());
      this.retryIn(o, event, step, delay); // step -1: the first delivery never finished
      resumed++;
    }
    return resumed;
  }

  /** Fail the next `times` calls of a WeChat Pay API (tests of "WeChat did not answer"). */
  fault(f: PayFault): void {
    if (f.api !== 'queryOrder' && f.api !== 'closeOrder') throw new Error('api must be queryOrder or closeOrder');
    this.faults = this.faults.filter((x) => x.api !== f.api);
    if (f.times > 0) this.faults.push({ ...f });
  }

  /** Forget every order (the store was wiped). */
  clear(): void {
    this.close();
    this.orders.clear();
    this.faults = [];
    this.refunds.clear();
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
