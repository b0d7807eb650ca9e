/**
 * Cloud storage on H5: the local emulator's bridge (POST /api/upload, /api/getTempFileURL), which answers like
 * Taro.cloud.uploadFile / getTempFileURL. The caller is the same X-OpenId (or cookie) identity as callFunction.
 */
import { useIdentity } from '@/stores/identity';
import { ApiError } from './errors';
import { cloudPathFor, MAX_UPLOAD_BYTES, type UploadSource } from './storagePath';

export { cloudPathFor, type UploadSource } from './storagePath';

async function post<T>(path: string, body: unknown): Promise<T> {
  const openId = useIdentity.getState().openId;
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(openId ? { 'X-OpenId': openId } : {}) },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError('NETWORK', String(err));
  }
  const out = (await res.json().catch(() => null)) as {
    result?: T;
    error?: { code?: string; message?: string };
  } | null;
  if (res.ok && out?.result) return out.result;
  const detail = out?.error?.message ?? `HTTP ${res.status}`;
  if (res.status === 413) throw new ApiError('FILE_TOO_LARGE', detail);
  if (res.status === 400) throw new ApiError('INVALID_INPUT', detail);
  throw new ApiError(res.status >= 500 || res.status === 403 ? 'UPLOAD_FAILED' : 'NETWORK', detail);
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Upload a File/Blob, or a blob:/data: URL from Taro.chooseImage on H5; resolves to its fileID. */
export async function uploadFile(source: UploadSource, cloudPath = cloudPathFor(source)): Promise<string> {
  let blob: Blob;
  try {
    blob = typeof source === 'string' ? await (await fetch(source)).blob() : source;
  } catch (err) {
    throw new ApiError('UPLOAD_FAILED', String(err));
  }
  if (blob.size > MAX_UPLOAD_BYTES) throw new ApiError('FILE_TOO_LARGE', `${blob.size} bytes`);
  const r = await post<{ fileID: string }>('/api/upload', { cloudPath, fileContent: await base64Of(blob) });
  return r.fileID;
}

/** Files per getTempFileURL call (CloudBase: at most 50). */
const BATCH = 50;

/**
 * Temporary URLs for many fileIDs, 50 per request (default lifetime one day): fileID → URL; a file that is missing
 * or refused is left out.
 */
export async function tempUrls(fileIDs: readonly string[], maxAge = 86_400): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const unique = [...new Set(fileIDs)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const r = await post<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number }> }>(
      '/api/getTempFileURL',
      { fileList: unique.slice(i, i + BATCH).map((fileID) => ({ fileID, maxAge })) },
    );
    for (const f of r.fileList) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL;
  }
  return out;
}

/** A temporary URL for one fileID, served by the emulator (default lifetime one day). */
export async function tempUrl(fileID: string, maxAge = 86_400): Promise<string> {
  const url = (await tempUrls([fileID], maxAge))[fileID];
  if (!url) throw new ApiError('NOT_FOUND', `no URL for ${fileID}`);
  return url;
}
