/**
 * Cloud storage on weapp: Taro.cloud.uploadFile / getTempFileURL. (H5 uses storage.h5.ts through the emulator's
 * bridge; Taro picks the file per platform.)
 */
import Taro from '@tarojs/taro';
import { initCloud } from './cloud';
import { ApiError } from './errors';
import { cloudPathFor, type UploadSource } from './storagePath';

export { cloudPathFor, type UploadSource } from './storagePath';

const errMsg = (err: unknown) => String((err as { errMsg?: string })?.errMsg ?? err);

/** Upload a local file (a temp path from chooseImage and the like); resolves to its fileID. */
export async function uploadFile(source: UploadSource, cloudPath = cloudPathFor(source)): Promise<string> {
  if (typeof source !== 'string') throw new ApiError('INVALID_INPUT', 'weapp uploads take a local file path');
  initCloud();
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: source });
    return res.fileID;
  } catch (err) {
    const msg = errMsg(err);
    throw new ApiError(/exceed|too large|size/i.test(msg) ? 'FILE_TOO_LARGE' : 'UPLOAD_FAILED', msg);
  }
}

/** Files per getTempFileURL call (CloudBase: at most 50). */
const BATCH = 50;

/**
 * Temporary https URLs for many fileIDs, 50 per call (default lifetime one day): fileID → URL; a file that is
 * missing or refused is left out.
 */
export async function tempUrls(fileIDs: readonly string[], maxAge = 86_400): Promise<Record<string, string>> {
  initCloud();
  const out: Record<string, string> = {};
  const unique = [...new Set(fileIDs)];
  for (let i = 0; i < unique.length; i += BATCH) {
    let items: Taro.cloud.GetTempFileURLResultItem[];
    try {
      // The typings list strings only; the API also takes {fileID, maxAge}.
      const fileList = unique.slice(i, i + BATCH).map((fileID) => ({ fileID, maxAge })) as unknown as string[];
      items = (await Taro.cloud.getTempFileURL({ fileList })).fileList;
    } catch (err) {
      throw new ApiError('NETWORK', errMsg(err));
    }
    for (const f of items) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL;
  }
  return out;
}

/** A temporary https URL for one fileID (default lifetime one day, CloudBase's longest). */
export async function tempUrl(fileID: string, maxAge = 86_400): Promise<string> {
  const url = (await tempUrls([fileID], maxAge))[fileID];
  if (!url) throw new ApiError('NOT_FOUND', `no URL for ${fileID}`);
  return url;
}
