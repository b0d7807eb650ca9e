/**
 * Cloud storage as the functions use it: read an uploaded file, write an export, hand out a temporary
 * link (exports) or many (the images screens show: avatars, photos) — through wx-server-sdk's own
 * `downloadFile`, `uploadFile` and `getTempFileURL` (the emulator serves the same API locally).
 */
import { DomainError, ErrorCode } from '../../domain/errors';
import { sdk } from './cloud';

interface StorageApi {
  downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer }>;
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(o: {
    fileList: Array<string | { fileID: string; maxAge: number }>;
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }> }>;
}

const storage = () => sdk() as unknown as StorageApi;

/** Uploaded files the console reads are at most this big (a 2,000-row sheet is far smaller). */
export const MAX_READ_BYTES = 5 * 1024 * 1024;
/** How long an export's download link lives. */
export const EXPORT_LINK_SECONDS = 3600;

export async function readFile(fileID: string): Promise<Buffer> {
  let content: Buffer;
  try {
    content = (await storage().downloadFile({ fileID })).fileContent;
  } catch (err) {
    throw new DomainError(ErrorCode.NOT_FOUND, `file not readable: ${String((err as Error)?.message ?? err)}`);
  }
  if (!content || content.length === 0) throw new DomainError(ErrorCode.INVALID_INPUT, 'fileID: 文件为空');
  if (content.length > MAX_READ_BYTES) throw new DomainError(ErrorCode.INVALID_INPUT, 'fileID: 文件过大（上限 5 MB）');
  return Buffer.from(content);
}

export async function writeFile(cloudPath: string, content: Buffer): Promise<{ fileID: string; tempFileURL: string }> {
  const { fileID } = await storage().uploadFile({ cloudPath, fileContent: content });
  return { fileID, tempFileURL: await tempURL(fileID) };
}

export async function tempURL(fileID: string, maxAge = EXPORT_LINK_SECONDS): Promise<string> {
  const { fileList } = await storage().getTempFileURL({ fileList: [{ fileID, maxAge }] });
  const hit = fileList?.[0];
  if (!hit?.tempFileURL) throw new DomainError(ErrorCode.NOT_FOUND, `no link for ${fileID}: ${hit?.errMsg ?? ''}`);
  return hit.tempFileURL;
}

/** A day: CloudBase's longest temporary link. */
const URL_MAX_AGE_S = 86_400;

/** Temporary URLs of up to 50 fileIDs per call (CloudBase's batch limit); a missing file maps to no entry. */
export async function tempUrls(fileIDs: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(fileIDs.filter(Boolean))];
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 50) {
    const fileList = ids.slice(i, i + 50).map((fileID) => ({ fileID, maxAge: URL_MAX_AGE_S }));
    const res = await storage().getTempFileURL({ fileList });
    for (const f of res.fileList ?? []) if (f.status === 0 && f.tempFileURL) out.set(f.fileID, f.tempFileURL);
  }
  return out;
}
