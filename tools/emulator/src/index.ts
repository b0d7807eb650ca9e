/**
 * Local CloudBase emulator: answers the real wx-server-sdk's HTTP protocol from an embedded nedb
 * store and runs cloud functions in-process. See ../README.md.
 */
import './compat'; // must run before express loads
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadOrCreateCredentials, writeCredentials, type Credentials } from './auth';
import { Clock, type ClockSetting, type DefaultClock } from './clock';
import { clone } from './ejson';
import { installEnvProxy, setGlobalEnv } from './envproxy';
import { FunctionHost, type FunctionSource, type InvokeOptions } from './host';
import { createApp, SDK_PATH } from './http';
import { Metrics, type MetricsSnapshot } from './metrics';
import { Payments, type PayFault, type PayOptions } from './pay';
import { FileOrderBook } from './paybook';
import type { RefundFault, Refunds } from './refund';
import { loadIndexSpec, type IndexSpec } from './indexes';
import { Storage, type StoredMeta } from './storage';
import { Store, type Doc } from './store';
import { TxManager } from './tx';
import { WeRun } from './werun';
import { SentMessages, type SentMessage } from './openapi';
import { runTimers, timerTriggers, type TimerTrigger } from './timers';

export type { DefaultClock, ClockSetting } from './clock';
export type { FunctionSource, InvokeOptions, Source, CloudFunctionModule } from './host';
export type { MetricsSnapshot } from './metrics';
export { EmulatorError } from './host';
export { readCredentials, signJsonPost, CREDENTIALS_FILE, type Credentials } from './auth';

export const EMULATOR_APPID = 'wx-shanxing-local';
export const EMULATOR_ENV = 'shanxing-local';
/** The sub-merchant id functions get locally (WeChat Pay's documentation sample; never a real merchant). */
export const EMULATOR_SUB_MCH_ID = '1900000109';
/** The storage bucket in fileIDs: `cloud://shanxing-local.<bucket>/<path>` (CloudBase's `<hex>-<env>-<appid>` form). */
export const EMULATOR_BUCKET = '7368-shanxing-local-1300000000';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  dataDir: string;
  functions: FunctionSource;
  defaultClock?: DefaultClock;
  staticDir?: string;
  /** Multiplies WeChat's pay-notification retry schedule (seconds → ms at 0.001). Default 1. */
  payRetryScale?: number;
  /**
   * A transaction not committed or aborted this long after its start is aborted
   * (default 30 s, CloudBase's limit; see tx.ts).
   */
  txLifetimeMs?: number;
  /**
   * How long a write outside transactions waits for a transaction that wrote its document, then answers
   * SERVER_TIMEOUT (default 5 s, well under the SDK's 15 s request timeout).
   */
  plainWriteWaitMs?: number;
  /** Function invocations running at once, like CloudBase's instance limit (default 16: see host.ts). */
  maxConcurrentInvocations?: number;
  /**
   * The app's index declaration (a path to indexes.json, or its content):
   * equality queries on a leading field skip the scan.
   */
  indexes?: string | IndexSpec;
  /** Compact a collection's datafile after this many appended writes (default 5000, or twice its docs if more). */
  compactAfter?: number;
  /** Environment variables every function gets, as configured in the console (default: a local SHANXING_SUB_MCH_ID). */
  functionEnv?: Record<string, string>;
  /** Origins besides http://localhost:PORT and http://127.0.0.1:PORT allowed to POST to /api and /__emulator. */
  allowedOrigins?: string[];
  /** Largest file an upload (SDK or bridge) may carry, in bytes (default 10 MiB). */
  maxUploadBytes?: number;
  /**
   * Run the functions' timer triggers (config.json) on the emulator clock: `true` for a `{dir}` function source
   * (`npm start`), or the triggers themselves. Off by default: tests invoke timers themselves.
   */
  timers?: boolean | TimerTrigger[];
  quiet?: boolean;
}

/** Direct access to cloud storage for seeding and assertions (bypasses HTTP, auth and metrics). */
export interface EmulatorStorage {
  fileId(cloudPath: string): string;
  put(cloudPath: string, bytes: Buffer): Promise<string>;
  /** The file's bytes and metadata, or null if there is none. */
  get(fileID: string): Promise<{ meta: StoredMeta; bytes: Buffer } | null>;
  /** A temporary URL for the file, as getTempFileURL makes it. */
  tempUrl(fileID: string, maxAgeS?: number): string;
}

/** Direct store access for seeding and assertions (bypasses the SDK and metrics). */
export interface EmulatorDb {
  get(coll: string, id: string | number): Promise<Doc | null>;
  find(coll: string, filter?: (d: Doc) => boolean): Promise<Doc[]>;
  put(coll: string, doc: Doc): Promise<void>;
  remove(coll: string, id: string | number): Promise<void>;
  collections(): string[];
}

export interface Emulator {
  url: string;
  port: number;
  invoke(name: string, event?: unknown, opts?: InvokeOptions): Promise<unknown>;
  metrics(): MetricsSnapshot;
  resetMetrics(): void;
  setClock(s: ClockSetting): void;
  clock(): ReturnType<Clock['describe']>;
  now(): number;
  pay(orderId: string, opts?: PayOptions): ReturnType<Payments['pay']>;
  orders(): Payments['orders'];
  /** Make the next `times` queryOrder/closeOrder calls fail (`error`) or get no answer (`drop`); times 0 clears. */
  payFault(f: PayFault): void;
  /** CloudPay refunds by out_refund_no (refund.ts). */
  refunds(): Refunds['refunds'];
  /** Make the next refund request(s) be refused or fail (`times`, default 1). */
  refundFault(f: RefundFault, times?: number): void;
  issueWeRun(openid: string, steps: number, date?: string): { cloudID: string; date: string };
  /** Subscription messages sent through `openapi.subscribeMessage.send` (in memory, the newest 10,000). */
  messages(): SentMessage[];
  functionNames(): string[];
  /** The environment's API key pair (also in `<dataDir>/credentials.json`). */
  credentials: Credentials;
  reset(): Promise<void>;
  close(): Promise<void>;
  db: EmulatorDb;
  storage: EmulatorStorage;
}

/**
 * Variables that point the real SDK at an emulator (the host applies them to process.env). The SDK
 * needs a key pair to sign with: pass the emulator's (`credentials`), or requests are refused.
 */
export function sdkEnvFor(url: string, credentials?: Credentials): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url.replace(/\/$/, '')}${SDK_PATH}` }),
    TCB_ENV: EMULATOR_ENV,
    SCF_NAMESPACE: EMULATOR_ENV,
    TENCENTCLOUD_SECRETID: credentials?.secretId ?? 'unset-secret-id',
    TENCENTCLOUD_SECRETKEY: credentials?.secretKey ?? 'unset-secret-key',
  };
}

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  installEnvProxy();
  const clock = new Clock(opts.defaultClock);
  const now = () => clock.now();
  const store = new Store(opts.dataDir, { indexes: loadIndexSpec(opts.indexes), compactAfter: opts.compactAfter });
  await store.recover(); // a commit a crash tore between two datafiles is completed before anyone reads
  const credentials = loadOrCreateCredentials(opts.dataDir);
  const metrics = new Metrics();
  const txm = new TxManager(store, {
    lifetimeMs: opts.txLifetimeMs ?? 30_000,
    plainWaitMs: opts.plainWriteWaitMs ?? 5_000,
    onServerAbort: () => metrics.raw.transactions.aborted++,
  });
  const werun = new WeRun(EMULATOR_APPID, now);
  const messages = new SentMessages();
  let stopTimers = () => {};
  let url = '';
  const host = new FunctionHost({
    functions: opts.functions,
    appid: EMULATOR_APPID,
    envId: EMULATOR_ENV,
    sdkUrl: () => `${url}${SDK_PATH}`,
    clockEnv: () => clock.env(),
    resolveEvent: (ev, openid) => werun.resolveEvent(ev, openid),
    maxConcurrent: opts.maxConcurrentInvocations,
    functionEnv: { SHANXING_SUB_MCH_ID: process.env.SHANXING_SUB_MCH_ID || EMULATOR_SUB_MCH_ID, ...opts.functionEnv },
    onInvoke: (fn, ok) => {
      metrics.invocation(fn);
      if (!ok) metrics.raw.functionErrors++;
    },
  });
  // CloudPay orders and their pending notifications persist in the data dir (paybook.ts).
  const book = new FileOrderBook(opts.dataDir);
  const pay = new Payments({
    appid: EMULATOR_APPID,
    now,
    retryScale: opts.payRetryScale ?? 1,
    invoke: (fn, event, openid) => host.invoke(fn, event, { openid, source: 'wx_paycallback' }),
    book,
  });

  const storage = new Storage({
    dataDir: opts.dataDir,
    envId: EMULATOR_ENV,
    bucket: EMULATOR_BUCKET,
    now,
    baseUrl: () => url,
    secret: createHmac('sha256', credentials.secretKey).update('storage-urls').digest('hex'),
    maxUploadBytes: opts.maxUploadBytes,
  });
  const keyOf = (fileID: string) => {
    const key = storage.keyOf(fileID);
    if (key === null) throw new Error(`not a fileID of this environment: ${fileID}`);
    return key;
  };

  const emu: Emulator = {
    url: '',
    port: 0,
    invoke: (name, event = {}, o = {}) => host.invoke(name, event, o),
    metrics: () => metrics.snapshot({ lockWaits: txm.lockWaits }),
    resetMetrics: () => metrics.reset(txm.lockWaits),
    setClock: (s) => clock.set(s),
    clock: () => clock.describe(),
    now,
    pay: (id, o) => pay.pay(id, o),
    orders: () => pay.orders,
    payFault: (f) => pay.fault(f),
    refunds: () => pay.refunds.refunds,
    refundFault: (f, times) => pay.refunds.fault(f, times),
    issueWeRun: (openid, steps, date) => werun.issue(openid, steps, date),
    messages: () => messages.all(),
    functionNames: () => host.names(),
    credentials,
    reset: async () => {
      pay.clear();
      book.clear();
      storage.clear();
      messages.clear();
      await store.reset();
      writeCredentials(opts.dataDir, credentials); // the key pair outlives a wipe: clients keep using it
    },
    close: async () => {
      stopTimers();
      pay.close();
      txm.close();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      await store.close();
    },
    db: {
      get: async (c, id) => clone((await store.collection(c)).get(id) ?? null),
      find: async (c, f) =>
        (await store.collection(c))
          .all()
          .filter((d) => !f || f(d))
          .map(clone),
      put: async (c, d) => {
        const coll = await store.collection(c);
        await coll.mutex.run(() => coll.apply([{ id: d._id, doc: clone(d) }]));
      },
      remove: async (c, id) => {
        const coll = await store.collection(c);
        await coll.mutex.run(() => coll.apply([{ id, doc: null }]));
      },
      collections: () => store.names(),
    },
    storage: {
      fileId: (p) => storage.fileId(p),
      put: async (p, bytes) => (await storage.put(keyOf(storage.fileId(p)), bytes), storage.fileId(p)),
      get: (id) => storage.get(keyOf(id)),
      tempUrl: (id, maxAgeS = 86_400) => storage.tempUrl(keyOf(id), maxAgeS),
    },
  };

  const app = createApp(
    emu,
    { store, txm, host, metrics, pay, werun, storage, messages, now, credentials },
    { staticDir: opts.staticDir, allowedOrigins: opts.allowedOrigins },
  );
  const server = http.createServer(app);
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: at 10:00 (and in the concurrency tests) a thousand callers connect at once.
    server.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1', backlog: 4096 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`;
  emu.url = url;
  emu.port = port;
  // Before any function module loads: the SDK inside functions talks to this emulator.
  setGlobalEnv(sdkEnvFor(url, credentials));
  const triggers =
    opts.timers === true && 'dir' in opts.functions
      ? timerTriggers(opts.functions.dir, host.names())
      : Array.isArray(opts.timers)
        ? opts.timers
        : [];
  stopTimers = runTimers(triggers, now, (fn, ev) => host.invoke(fn, ev, { source: 'wx_trigger' }));
  // WeChat keeps retrying notifications across our restarts: resume the ones still pending.
  const resumed = await pay.restore();
  if (!opts.quiet && resumed) console.log(`[emulator] cloudpay: resuming ${resumed} pending notification(s)`);
  if (!opts.quiet) console.log(`[emulator] listening on ${url} (data ${opts.dataDir})`);
  return emu;
}
