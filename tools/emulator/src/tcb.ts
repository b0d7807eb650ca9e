/**
 * The SDK endpoint. @cloudbase/node-sdk (lib/utils/httpRequest.js) POSTs every call to the URL in
 * TCB_CONTEXT_CNFG, JSON for database/functions, multipart for wx.openApi / wx.wxPayApi, and treats
 * any 200 body with a `code` as an error ({code, message, requestId}).
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { signedParams, verify, type Credentials, type SignedValue } from './auth';
import { handleDatabase, READ_ACTIONS, WRITE_ACTIONS } from './database';
import { DbError } from './query';
import type { FunctionHost } from './host';
import type { Metrics } from './metrics';
import { DropConnection, type Payments } from './pay';
import type { Storage } from './storage';
import type { Store } from './store';
import type { TxManager } from './tx';
import type { WeRun } from './werun';
import { callOpenApi, type SentMessages } from './openapi';
import {
  decodeCloudIdList,
  decodeCommApiData,
  encodeCommOpenApiResp,
  encodeOpenDataResp,
  parseMultipart,
} from './wire';

export interface TcbDeps {
  store: Store;
  txm: TxManager;
  host: FunctionHost;
  metrics: Metrics;
  pay: Payments;
  werun: WeRun;
  storage: Storage;
  /** subscribeMessage.send's deliveries (GET /__emulator/messages). */
  messages: SentMessages;
  now: () => number;
  /** The environment's API key pair (credentials.json). */
  credentials: Credentials;
}

/**
 * The caller, if the request is signed with a credential the emulator issued: the invocation's temporary
 * key (→ that invocation) or the environment's key pair (→ no invocation: a server outside a function).
 */
function authenticate(
  d: TcbDeps,
  req: Request,
  params: Record<string, any>,
  form: Record<string, Buffer> | null,
  files: Set<string>,
) {
  // Multipart: byte parts are signed raw, text fields as (trimmed) strings.
  const signed: Record<string, SignedValue> = form
    ? signedParams(Object.fromEntries(Object.entries(form).map(([k, v]) => [k, files.has(k) ? v : v.toString()])))
    : signedParams(params);
  const inv = d.host.invocation(params.sessionToken);
  const verdict = verify({ method: req.method, url: req.originalUrl, headers: req.headers, params: signed }, (id) =>
    id === d.credentials.secretId ? d.credentials.secretKey : inv && id === inv.secretId ? inv.secretKey : undefined,
  );
  if (!verdict.ok) return verdict;
  return { ok: true as const, inv: verdict.secretId === d.credentials.secretId ? undefined : inv };
}

export function tcbHandler(d: TcbDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const requestId = randomBytes(16).toString('hex');
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const ctype = String(req.headers['content-type'] ?? '');
    let params: Record<string, any>;
    let form: Record<string, Buffer> | null = null;
    const files = new Set<string>();
    try {
      if (ctype.startsWith('multipart/form-data')) {
        form = parseMultipart(body, ctype, files);
        params = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.toString()]));
      } else params = JSON.parse(body.toString() || '{}');
    } catch (e) {
      res.json({ code: 'INVALID_PARAM', message: `emulator: unreadable request: ${(e as Error).message}`, requestId });
      return;
    }
    const action = String(params.action ?? '');
    const who = authenticate(d, req, params, form, files);
    if (!who.ok) {
      // Refused before anything runs: CloudBase answers an unsigned or mis-signed call the same way.
      d.metrics.error('PERMISSION_DENIED');
      d.metrics.action(`denied:${who.reason}`);
      res.json({
        code: 'PERMISSION_DENIED',
        message: `emulator: ${who.reason}; sign with the key pair in credentials.json`,
        requestId,
      });
      return;
    }
    const inv = who.inv;
    d.metrics.action(action);
    try {
      if (action.startsWith('database.')) {
        const m = d.metrics.raw;
        if (READ_ACTIONS.has(action)) {
          m.reads++;
          if (params.transactionId) {
            m.txReads++;
            d.metrics.txOperation(String(params.transactionId), 'reads');
          }
          d.metrics.action(`read:${String(params.collectionName ?? '')}`); // where a read budget goes
        } else if (WRITE_ACTIONS.has(action)) {
          m.writes++;
          if (params.transactionId) {
            m.txWrites++;
            d.metrics.txOperation(String(params.transactionId), 'writes');
          }
        }
        if (action === 'database.startTransaction') {
          m.transactions.started++;
          if (inv && inv.conflicted) m.transactions.retries++;
        }
        // A write the SDK gave up on (it closes the socket at its 15 s timeout) must never land later.
        const dropped = new AbortController();
        res.once(
          'close',
          () =>
            res.writableFinished ||
            dropped.abort(new DbError('SERVER_TIMEOUT', 'request closed by the client; nothing was written')),
        );
        const ctx = {
          store: d.store,
          txm: d.txm,
          now: d.now,
          token: params.sessionToken,
          signal: dropped.signal,
          deadline: Date.now() + 15_000,
        };
        const out = await handleDatabase(ctx, action, params);
        if (action === 'database.commitTransaction') m.transactions.committed++;
        if (action === 'database.abortTransaction') m.transactions.aborted++;
        if (action === 'database.commitTransaction' || action === 'database.abortTransaction')
          d.metrics.txEnded(String(params.transactionId ?? ''), action === 'database.commitTransaction' && !out.code);
        res.json({ ...out, requestId });
        return;
      }
      if (action.startsWith('storage.')) {
        // node-sdk lib/storage/index.js; wx-server-sdk maps each file's `code` to its status (-503003 …).
        const out = await d.storage.action(action, params);
        if (out.code) d.metrics.error(out.code);
        res.json({ ...out, requestId });
        return;
      }
      if (action === 'functions.invokeFunction') {
        // node-sdk lib/functions/index.js: reads res.data.response_data (JSON string).
        let data: unknown = {};
        if (params.request_data) data = JSON.parse(params.request_data);
        try {
          const result = await d.host.invoke(String(params.function_name), data, {
            openid: inv?.openid,
            source: 'wx_function',
          });
          res.json({ requestId, data: { response_data: JSON.stringify(result ?? null) } });
        } catch (e) {
          const code = (e as any).code === 'FUNCTION_NOT_FOUND' ? 'FUNCTIONS_REQUEST_FAIL' : 'FUNCTIONS_EXECUTE_FAIL';
          res.json({ code, message: (e as Error).message, requestId });
        }
        return;
      }
      if (action === 'wx.openApi') {
        // wx-server-sdk callWXOpenAPI: a protobuf CommOpenApiResp body whose respData is the JSON answer.
        const call = decodeCommApiData(form?.requestData ?? Buffer.alloc(0));
        if (params.apiName === 'ApiGetOpenDataByCloudId' && call.svrkit) {
          const ids = decodeCloudIdList(call.svrkit.reqData);
          const payload = encodeOpenDataResp(
            ids.map((id) => ({ cloudId: id, json: JSON.stringify(d.werun.open(id, inv?.openid)) })),
          );
          res.type('application/octet-stream').send(encodeCommOpenApiResp(payload, 'application/octet-stream'));
          return;
        }
        const answer = await callOpenApi(String(params.apiName), call.pairs, {
          now: d.now,
          openid: inv?.openid,
          messages: d.messages,
        });
        d.metrics.action(`openapi:${String(params.apiName)}`);
        const out =
          'json' in answer
            ? encodeCommOpenApiResp(Buffer.from(JSON.stringify(answer.json)))
            : encodeCommOpenApiResp(answer.buffer, answer.contentType);
        res.type('application/octet-stream').send(out);
        return;
      }
      if (action === 'wx.wxPayApi') {
        // wx-server-sdk callWXPayAPI: JSON.parse(buffer) of the WeChat Pay answer.
        const reqData = JSON.parse(form?.requestData?.toString() || '{}');
        let out: Record<string, unknown>;
        try {
          out = await d.pay.api(String(params.apiName), reqData, inv?.openid);
        } catch (e) {
          if (!(e instanceof DropConnection)) throw e;
          res.socket?.destroy(); // a fault test: the caller sees a network failure, not an answer
          return;
        }
        res.type('application/octet-stream').send(Buffer.from(JSON.stringify(out)));
        return;
      }
      res.json({ code: 'INVALID_PARAM', message: `emulator does not support action ${action}`, requestId });
    } catch (e) {
      const code = e instanceof DbError ? e.code : 'SYS_ERR';
      if (code === 'DATABASE_TRANSACTION_CONFLICT') {
        d.metrics.raw.transactions.conflicts++;
        if (inv) inv.conflicted = true;
      }
      d.metrics.error(code);
      res.json({ code, message: (e as Error).message, requestId });
    }
  };
}
