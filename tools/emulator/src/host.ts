/**
 * Function host: cloud functions (modules exporting `main(event, context)`) run in this process,
 * concurrently, each invocation with its own caller identity in process.env (see envproxy.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { withEnv, type EnvVars } from './envproxy';

export type Source = 'wx_client' | 'wx_http' | 'wx_paycallback' | 'wx_trigger' | 'wx_function';
export interface CloudFunctionModule {
  main: (event: any, context: any) => unknown;
}
export type FunctionSource =
  { dir: string } | { load(name: string): Promise<CloudFunctionModule> | CloudFunctionModule; names?: string[] };
export interface InvokeOptions {
  openid?: string;
  unionid?: string;
  clientIp?: string;
  source?: Source;
  env?: Record<string, string>;
}
export interface Invocation {
  fn: string;
  openid?: string;
  source: Source;
  /** Set once a commit in this invocation hit a conflict (the next startTransaction is a retry). */
  conflicted?: boolean;
  /** Temporary key pair of this invocation (TENCENTCLOUD_SECRETID/SECRETKEY, as SCF issues one). */
  secretId: string;
  secretKey: string;
}

export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
  ) {
    super(message);
  }
}

const NAME_RE = /^[A-Za-z0-9_-]{1,60}$/;
const TOKEN_PREFIX = 'emu-inv-';

/**
 * Bounded instance pool. CloudBase runs a function on a limited number of instances and queues the
 * rest; without a bound, one process would start thousands of invocations at once and their SDK
 * calls (15 s timeout) would time out waiting for a CPU instead of for the database.
 */
class Slots {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  constructor(private readonly size: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export interface HostDeps {
  functions: FunctionSource;
  appid: string;
  envId: string;
  sdkUrl: () => string;
  clockEnv: () => string;
  resolveEvent: (event: unknown, openid: string | undefined) => unknown;
  onInvoke: (fn: string, ok: boolean) => void;
  /** Environment variables of every function (the console's per-function settings). */
  functionEnv?: Record<string, string>;
  /** Invocations running at once (the rest queue); nested calls from functions bypass it. */
  maxConcurrent?: number;
}

/**
 * Invocations at once by default. CloudBase runs each instance on its own CPU; here every instance shares one
 * event loop, so beyond a handful running at once each extra invocation only stretches every open transaction's
 * window, and first-writer-wins conflicts balloon far past what CloudBase's independent instances would see
 * (measured: 200 payments to one project, 64 at once → 6.5 conflicts per payment and 4.6 paid/s; 16 at once →
 * 0.44 and 13.6 paid/s). The rest queue, as invocations over a function's concurrency limit do.
 */
export const DEFAULT_MAX_CONCURRENT = 16;

export class FunctionHost {
  private readonly modules = new Map<string, Promise<CloudFunctionModule>>();
  private readonly live = new Map<string, Invocation>();
  private seq = 0;
  private readonly slots: Slots;

  constructor(private readonly d: HostDeps) {
    this.slots = new Slots(d.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  }

  /**
   * The invocation an SDK request came from: the token rides in TENCENTCLOUD_SESSIONTOKEN and the SDK
   * echoes it as `sessionToken`; the request must be signed with that invocation's temporary key.
   */
  invocation(token: unknown): Invocation | undefined {
    return typeof token === 'string' && token.startsWith(TOKEN_PREFIX) ? this.live.get(token) : undefined;
  }

  names(): string[] {
    const f = this.d.functions;
    if ('dir' in f) {
      if (!fs.existsSync(f.dir)) return [];
      return fs.readdirSync(f.dir).filter((n) => fs.existsSync(path.join(f.dir, n, 'index.js')));
    }
    return f.names ?? [];
  }

  private load(name: string): Promise<CloudFunctionModule> {
    if (!NAME_RE.test(name)) return Promise.reject(new EmulatorError('FUNCTION_NOT_FOUND', `no function ${name}`, 404));
    let m = this.modules.get(name);
    if (!m) {
      m = this.loadUncached(name);
      this.modules.set(name, m);
      m.catch(() => this.modules.delete(name));
    }
    return m;
  }

  private async loadUncached(name: string): Promise<CloudFunctionModule> {
    const f = this.d.functions;
    let mod: any;
    if ('dir' in f) {
      const file = path.resolve(f.dir, name, 'index.js');
      if (!fs.existsSync(file)) throw new EmulatorError('FUNCTION_NOT_FOUND', `no function ${name}`, 404);
      mod = require(file);
    } else {
      if (f.names && !f.names.includes(name)) throw new EmulatorError('FUNCTION_NOT_FOUND', `no function ${name}`, 404);
      try {
        mod = await f.load(name);
      } catch (e) {
        // Only the function's own module missing means "no such function"; a missing dependency of an
        // existing function is that function's error (the first message line names the missing module).
        const first = String((e as Error)?.message ?? '').split('\n')[0];
        if (
          !f.names &&
          (e as any)?.code === 'MODULE_NOT_FOUND' &&
          new RegExp(`[/'"]${name}(/src)?(/index(\\.[jt]s)?)?'`).test(first)
        )
          throw new EmulatorError('FUNCTION_NOT_FOUND', `no function ${name}`, 404);
        throw e;
      }
    }
    const main = mod?.main ?? mod?.default?.main;
    if (typeof main !== 'function')
      throw new EmulatorError('FUNCTION_NOT_FOUND', `function ${name} exports no main()`, 404);
    return { main };
  }

  /** Run a function as CloudBase would for this caller; rejects FUNCTION_NOT_FOUND / FUNCTION_ERROR. */
  invoke(name: string, event: unknown, opts: InvokeOptions = {}): Promise<unknown> {
    // A function calling a function already holds a slot; queueing it could deadlock the pool.
    return opts.source === 'wx_function'
      ? this.run(name, event, opts)
      : this.slots.run(() => this.run(name, event, opts));
  }

  private async run(name: string, event: unknown, opts: InvokeOptions): Promise<unknown> {
    const mod = await this.load(name).catch((e) => {
      if (e instanceof EmulatorError) throw e;
      this.d.onInvoke(name, false);
      throw Object.assign(new EmulatorError('FUNCTION_ERROR', `loading ${name}: ${(e as Error)?.message ?? e}`), {
        cause: e,
      });
    });
    const source: Source = opts.source ?? 'wx_client';
    const token = `${TOKEN_PREFIX}${++this.seq}-${randomBytes(8).toString('hex')}`;
    const inv: Invocation = {
      fn: name,
      openid: opts.openid,
      source,
      secretId: `AKIDemutmp${this.seq}`,
      secretKey: randomBytes(18).toString('base64url'),
    };
    const requestId = randomBytes(16).toString('hex');
    let ev = this.d.resolveEvent(event ?? {}, opts.openid);
    // Calls from the mini-program carry userInfo, as wx.cloud.callFunction adds it.
    if (source === 'wx_client' && opts.openid && ev && typeof ev === 'object' && !Array.isArray(ev))
      ev = { ...(ev as object), userInfo: { appId: this.d.appid, openId: opts.openid } };
    const keys = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP'].filter(
      (k) => (k !== 'WX_OPENID' || opts.openid) && (k !== 'WX_UNIONID' || opts.unionid),
    );
    const vars: EnvVars = {
      ...this.d.functionEnv,
      WX_CONTEXT_KEYS: keys.join(','),
      WX_OPENID: opts.openid,
      WX_APPID: this.d.appid,
      WX_UNIONID: opts.unionid,
      WX_CLIENTIP: opts.clientIp ?? '127.0.0.1',
      TCB_SOURCE: source,
      TCB_ENV: this.d.envId,
      SCF_NAMESPACE: this.d.envId,
      SCF_FUNCTIONNAME: name,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.d.sdkUrl() }),
      TENCENTCLOUD_SECRETID: inv.secretId,
      TENCENTCLOUD_SECRETKEY: inv.secretKey,
      TENCENTCLOUD_SESSIONTOKEN: token,
      SHANXING_CLOCK: this.d.clockEnv(),
      ...(opts.env ?? {}),
    };
    const context = {
      function_name: name,
      request_id: requestId,
      namespace: this.d.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: 60_000,
    };
    this.live.set(token, inv);
    try {
      const result = await withEnv(vars, () => Promise.resolve().then(() => mod.main(ev, context)));
      this.d.onInvoke(name, true);
      return result;
    } catch (e) {
      this.d.onInvoke(name, false);
      const err = new EmulatorError('FUNCTION_ERROR', e instanceof Error ? e.message : String(e));
      (err as any).cause = e;
      throw err;
    } finally {
      // Work a function leaves running may still call the SDK for a while.
      setTimeout(() => this.live.delete(token), 30_000).unref();
    }
  }
}
