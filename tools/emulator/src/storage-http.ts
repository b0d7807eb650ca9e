/**
 * Storage over HTTP: the COS-style upload URL the SDK posts to, the temporary URLs, and the bridge routes the H5
 * build uses in place of wx.cloud.uploadFile / getTempFileURL. The storage rules themselves are in storage.ts.
 */
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Metrics } from './metrics';
import { contentTypeOf, COS_PATH, cosErrorXml, FILES_PATH, MAX_BATCH, type Storage } from './storage';
import { parseMultipart } from './wire';

/** wx-server-sdk's status numbers and texts for the per-file codes (src/config/error.config.ts). */
const STATUS: Record<string, [number, string]> = {
  SUCCESS: [0, 'ok'],
  STORAGE_FILE_NONEXIST: [-503003, 'storage file not exists'],
};

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface StorageHttpDeps {
  storage: Storage;
  metrics: Metrics;
  /** The same-origin, JSON-only guard of /api. */
  guard: RequestHandler;
  /** The bridge's caller (X-OpenId or the dev cookie); null after it answered 400. */
  callerOpenid(req: Request, res: Response): string | null;
}

const sendError = (res: Response, status: number, code: string, message?: string) =>
  res.status(status).json({ error: { code, ...(message !== undefined ? { message } : {}) } });

function sendCos(res: Response, status: number, code: string, message: string, resource: string) {
  res
    .status(status)
    .type('application/xml')
    .send(cosErrorXml(code, message, resource));
}

function jsonObject(req: Request): Record<string, unknown> | null {
  try {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString() : '';
    const v = raw.trim() ? JSON.parse(raw) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

export function storageRoutes(app: Express, d: StorageHttpDeps): void {
  const { storage, metrics } = d;
  const max = storage.maxUploadBytes;
  const tooLarge = (err: any, _req: Request, res: Response, next: NextFunction, send: () => void) =>
    err?.type === 'entity.too.large' ? send() : next(err);

  // The SDK's second upload step (node-sdk uploadFile → request({formData})): answers 204 with no body, or COS XML.
  app.post(
    `${COS_PATH}/:ticket`,
    express.raw({ type: () => true, limit: max + 64 * 1024 }),
    async (req: Request, res: Response) => {
      let form: Record<string, Buffer>;
      try {
        form = parseMultipart(req.body as Buffer, String(req.headers['content-type'] ?? ''));
      } catch (e) {
        return sendCos(res, 400, 'MalformedPOSTRequest', (e as Error).message, req.path);
      }
      const out = await storage.acceptUpload(req.params.ticket, form);
      metrics.action(out.error ? `storage:upload-refused:${out.error.code}` : 'storage:upload');
      if (out.error) return sendCos(res, out.status, out.error.code, out.error.message, `/${form.key ?? ''}`);
      res.status(204).end();
    },
    (err: any, req: Request, res: Response, next: NextFunction) =>
      tooLarge(err, req, res, next, () => sendCos(res, 400, 'EntityTooLarge', `more than ${max} bytes`, req.path)),
  );

  // Temporary URLs (getTempFileURL, downloadFile): signed, expiring by the emulator clock.
  app.get(`${FILES_PATH}/:bucket/*`, async (req, res) => {
    let key: string;
    try {
      key = decodeURIComponent(req.path.slice(FILES_PATH.length + 1).replace(/^[^/]*\//, ''));
    } catch {
      return sendCos(res, 400, 'InvalidURI', 'bad escape in the path', req.path);
    }
    const out = await storage.serve(req.params.bucket, key, req.query as Record<string, unknown>);
    metrics.action(out.error ? `storage:get-refused:${out.error.code}` : 'storage:get');
    if (out.error) return sendCos(res, out.status, out.error.code, out.error.message, `/${key}`);
    res
      .status(200)
      .set({
        'content-type': contentTypeOf(key),
        'cache-control': `private, max-age=${out.maxAgeS}`,
        // Uploaded bytes share the app's origin here (unlike COS): never let them run as a page.
        'x-content-type-options': 'nosniff',
        // Like a COS bucket's CORS rule: the signed URL is the credential; a canvas may draw it and still export.
        'access-control-allow-origin': '*',
        'content-security-policy': "sandbox; default-src 'none'",
      })
      .send(out.bytes);
  });

  // Bridge: wx.cloud.uploadFile for the H5 build. JSON {cloudPath, fileContent: base64} → {result: {fileID}}.
  app.post(
    '/api/upload',
    d.guard,
    express.raw({ type: () => true, limit: Math.ceil(max / 3) * 4 + 4096 }),
    async (req: Request, res: Response) => {
      const body = jsonObject(req);
      if (!body) return sendError(res, 400, 'INVALID_INPUT', 'body must be a JSON object');
      const { cloudPath, fileContent } = body;
      const key = typeof cloudPath === 'string' ? storage.keyOf(storage.fileId(cloudPath)) : null;
      if (key === null) return sendError(res, 400, 'INVALID_INPUT', 'bad cloudPath');
      if (typeof fileContent !== 'string' || !BASE64_RE.test(fileContent))
        return sendError(res, 400, 'INVALID_INPUT', '"fileContent" must be base64');
      const bytes = Buffer.from(fileContent, 'base64');
      if (bytes.length > max) return sendError(res, 413, 'FILE_TOO_LARGE', `more than ${max} bytes`);
      const openid = d.callerOpenid(req, res);
      if (openid === null) return;
      const meta = await storage.putAsClient(key, bytes, openid);
      metrics.action(meta ? 'storage:client-upload' : 'storage:client-upload-refused');
      if (!meta) return sendError(res, 403, 'STORAGE_EXCEED_AUTHORITY', 'the file belongs to someone else');
      res.json({ result: { fileID: storage.fileId(key), statusCode: 200 } });
    },
    (err: any, req: Request, res: Response, next: NextFunction) =>
      tooLarge(err, req, res, next, () => sendError(res, 413, 'FILE_TOO_LARGE', `more than ${max} bytes`)),
  );

  // Bridge: wx.cloud.getTempFileURL. {fileList: [fileID | {fileID, maxAge}]} → {result: {fileList}}.
  app.post('/api/getTempFileURL', d.guard, express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const list = jsonObject(req)?.fileList;
    if (!Array.isArray(list) || !list.length || list.length > MAX_BATCH)
      return sendError(res, 400, 'INVALID_INPUT', `"fileList" must hold 1 to ${MAX_BATCH} fileIDs`);
    const file_list = list.map((f) =>
      f && typeof f === 'object' ? { fileid: (f as any).fileID, max_age: (f as any).maxAge } : { fileid: f },
    );
    const out = await storage.action('storage.batchGetDownloadUrl', { file_list });
    const fileList = ((out.data as any)?.download_list ?? []).map((f: any) => {
      const [status, errMsg] = STATUS[f.code] ?? [-503001, 'storage request fail'];
      return { fileID: f.fileID, tempFileURL: f.tempFileURL, maxAge: f.maxAge, status, errMsg };
    });
    res.json({ result: { fileList } });
  });
}
