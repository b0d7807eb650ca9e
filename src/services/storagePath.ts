/** Cloud paths for client uploads, shared by the weapp and H5 storage services. */

/** A local file path (weapp temp path, H5 blob: URL) or, on H5, a File/Blob from an <input>. */
export type UploadSource = string | Blob;

/** The largest file the app uploads (the local emulator's default limit; photos and exports stay well below). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const EXT_BY_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'text/csv': 'csv',
};

/** The source's extension (lower case, 1–8 letters or digits), else `bin`. */
export function extensionOf(source: UploadSource): string {
  const name = typeof source === 'string' ? source : ((source as Blob & { name?: string }).name ?? '');
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name.split(/[?#]/)[0])?.[1]?.toLowerCase();
  if (ext) return ext;
  return typeof source === 'string' ? 'bin' : (EXT_BY_TYPE[source.type] ?? 'bin');
}

/**
 * A fresh cloud path `<folder>/<time>-<random>.<ext>`: unique per upload, so one user's file never lands on
 * another's (CloudBase lets only a file's creator overwrite it).
 */
export function cloudPathFor(
  source: UploadSource,
  folder = 'uploads',
  now: () => number = Date.now,
  rand: () => number = Math.random,
): string {
  const id = `${now().toString(36)}-${Math.floor(rand() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`;
  return `${folder.replace(/^\/+|\/+$/g, '')}/${id}.${extensionOf(source)}`;
}
