/** One express app: the SDK endpoint, the HTTP bridge for H5/tests, emulator controls, static H5. */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Emulator } from './index';
import { EmulatorError } from './host';
import { storageRoutes } from './storage-http';
import { tcbHandler, type TcbDeps } from './tcb';

export const SDK_PATH = '/tcb';
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function cookie(req: Request, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const sendError = (res: Response, status: number, code: string, message?: string) =>
  res.status(status).json({ error: { code, ...(message !== undefined ? { message } : {}) } });

function jsonBody(req: Request): unknown {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString() : '';
  return raw.trim() ? JSON.parse(raw) : {};
}

/**
 * The bridge and the controls act for whoever calls them, so a web page on another site must not reach
 * them: a foreign Origin is refused (403), and bodies must be JSON (415), which a cross-site form or a
 * "simple" fetch cannot send without a CORS preflight this server never answers.
 */
function sameSiteJsonOnly(ownOrigins: () => Set<string>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !ownOrigins().has(origin))
      return sendError(res, 403, 'FOREIGN_ORIGIN', `origin ${origin} is not this server`);
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    const ctype = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (req.method !== 'GET' && req.method !== 'HEAD' && (hasBody || ctype) && ctype !== 'application/json')
      return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    next();
  };
}

/**
 * The bridge's caller: the X-OpenId header, or else a `dev_<random>` identity kept in the cookie `sx_openid`.
 * Null after answering 400 for a malformed header.
 */
function callerOpenid(req: Request, res: Response): string | null {
  let openid = String(req.headers['x-openid'] ?? '');
  if (openid && !OPENID_RE.test(openid)) {
    sendError(res, 400, 'INVALID_INPUT', 'bad X-OpenId');
    return null;
  }
  if (!openid) {
    openid = cookie(req, 'sx_openid') ?? '';
    if (!OPENID_RE.test(openid)) {
      openid = `dev_${randomBytes(8).toString('hex')}`;
      res.cookie('sx_openid', openid, { httpOnly: false, sameSite: 'lax', path: '/', maxAge: 365 * 86400_000 });
    }
  }
  return openid;
}

export function createApp(emu: Emulator, deps: TcbDeps, opts: { staticDir?: string; allowedOrigins?: string[] } = {}) {
  const { staticDir } = opts;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const raw = express.raw({ type: () => true, limit: '8mb' });
  let own: Set<string> | undefined; // built on the first request: the port is known only after listen()
  const ownOrigins = () =>
    (own ??= new Set([
      `http://localhost:${emu.port}`,
      `http://127.0.0.1:${emu.port}`,
      `http://[::1]:${emu.port}`,
      emu.url,
      ...(opts.allowedOrigins ?? []),
    ]));
  const guard = sameSiteJsonOnly(ownOrigins);

  app.post(SDK_PATH, raw, tcbHandler(deps));
  // Before /api/:fn: `upload` and `getTempFileURL` are the bridge's storage routes, not function names.
  storageRoutes(app, { storage: deps.storage, metrics: deps.metrics, guard, callerOpenid });

  // Bridge: what wx.cloud.callFunction does for the H5 build and for tests.
  app.post('/api/:fn', guard, raw, async (req, res) => {
    let body: any;
    try {
      body = jsonBody(req);
    } catch {
      return sendError(res, 400, 'INVALID_INPUT', 'body must be JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return sendError(res, 400, 'INVALID_INPUT', 'body must be an object');
    const data = body.data ?? {};
    if (!data || typeof data !== 'object' || Array.isArray(data))
      return sendError(res, 400, 'INVALID_INPUT', '"data" must be an object');
    const openid = callerOpenid(req, res);
    if (openid === null) return;
    try {
      const clientIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
      const result = await emu.invoke(req.params.fn, data, { openid, source: 'wx_client', clientIp });
      if (result && typeof result === 'object' && 'error' in result && (result as any).error) {
        const err = (result as any).error;
        return res.status(400).json({ error: { code: err.code, message: err.message } });
      }
      res.json({ result: result ?? null });
    } catch (e) {
      if (e instanceof EmulatorError && e.code === 'FUNCTION_NOT_FOUND')
        return sendError(res, 404, 'FUNCTION_NOT_FOUND');
      sendError(res, 500, 'FUNCTION_ERROR', (e as Error).message);
    }
  });

  const ctl = express.Router();
  const handle =
    (fn: (body: any, req: Request) => Promise<unknown> | unknown) => async (req: Request, res: Response) => {
      let body: any;
      try {
        body = req.method === 'POST' ? jsonBody(req) : {};
      } catch {
        return sendError(res, 400, 'INVALID_INPUT', 'body must be JSON');
      }
      try {
        res.json((await fn(body, req)) ?? { ok: true });
      } catch (e) {
        if (e instanceof EmulatorError) return sendError(res, e.status, e.code, e.message);
        sendError(res, 400, 'INVALID_INPUT', (e as Error).message);
      }
    };
  ctl.get(
    '/health',
    handle(() => ({ ok: true, url: emu.url, functions: emu.functionNames() })),
  );
  ctl.get(
    '/metrics',
    handle(() => emu.metrics()),
  );
  ctl.post(
    '/metrics/reset',
    handle(() => (emu.resetMetrics(), { ok: true })),
  );
  ctl.get(
    '/clock',
    handle(() => emu.clock()),
  );
  ctl.post(
    '/clock',
    handle((b) => (emu.setClock({ now: b.now ?? null, frozen: !!b.frozen }), emu.clock())),
  );
  ctl.post(
    '/werun',
    handle((b) => emu.issueWeRun(String(b.openid ?? ''), Number(b.steps), b.date)),
  );
  ctl.get(
    '/messages',
    handle(() => ({ messages: emu.messages() })),
  );
  // {api: 'queryOrder'|'closeOrder', mode: 'error'|'drop', times}: the next calls fail or get no answer.
  ctl.post(
    '/pay-fault',
    handle(
      (b) => (
        emu.payFault({ api: b.api, mode: b.mode === 'drop' ? 'drop' : 'error', times: Number(b.times ?? 1) }),
        { ok: true }
      ),
    ),
  );
  ctl.post(
    '/pay',
    handle((b) => emu.pay(String(b.orderId ?? ''), { duplicates: Number(b.duplicates) || 0, delaysMs: b.delaysMs })),
  );
  // {mode:'refuse', errCode?, errCodeDes?} or {mode:'fail', status?: 'CHANGE'|'REFUNDCLOSE'}, `times` refunds.
  ctl.post(
    '/refund-fault',
    handle(
      (b) => (
        emu.refundFault(
          b.mode === 'refuse'
            ? { mode: 'refuse', errCode: b.errCode, errCodeDes: b.errCodeDes }
            : { mode: 'fail', status: b.status },
          Number(b.times) || 1,
        ),
        { ok: true }
      ),
    ),
  );
  ctl.post(
    '/reset',
    handle(async () => (await emu.reset(), { ok: true })),
  );
  app.use('/__emulator', guard, raw, ctl);

  if (staticDir && fs.existsSync(staticDir)) {
    // The app's JS/CSS gzip-ed (a phone's 481 KB of JS becomes ~150 KB); every route above answers as before.
    app.use(compression({ threshold: 1024 }));
    app.use(express.static(staticDir, { index: 'index.html' }));
    // SPA fallback: any other GET that accepts HTML gets the app shell.
    app.get('*', (req, res, next) => {
      if (req.path.startsWith('/api/') || req.path.startsWith('/__emulator') || !req.accepts('html')) return next();
      res.sendFile(path.resolve(staticDir, 'index.html'));
    });
  }
  return app;
}
