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

/** A temporary https URL for a fileID (default lifetime one day, CloudBase's longest). */
export async function tempUrl(fileID: string, maxAge = 86_400): Promise<string> {
  initCloud();
  let item: Taro.cloud.GetTempFileURLResultItem | undefined;
  try {
    // The typings list strings only; the API also takes {fileID, maxAge}.
    const fileList = [{ fileID, maxAge }] as unknown as string[];
    item = (await Taro.cloud.getTempFileURL({ fileList })).fileList[0];
  } catch (err) {
    throw new ApiError('NETWORK', errMsg(err));
  }
  if (!item || item.status !== 0 || !item.tempFileURL) throw new ApiError('NOT_FOUND', item?.errMsg ?? 'no URL');
  return item.tempFileURL;
}
