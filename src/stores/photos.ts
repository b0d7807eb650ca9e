/**
 * Temporary URLs of the photos screens show (project cards, the gallery), resolved in batches through the storage
 * service: every `want` in the same tick joins one getTempFileURL call (50 files a call), never one call per card.
 * A URL is kept until shortly before it expires; the cache holds at most MAX_KEPT entries (oldest dropped).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { tempUrls } from '@/services/storage';

/** URLs are asked for with this lifetime and re-asked after REUSE_MS. */
const MAX_AGE_S = 86_400;
const REUSE_MS = (MAX_AGE_S - 3_600) * 1_000;
const MAX_KEPT = 600;

interface PhotosState {
  /** fileID → temporary URL. */
  urls: Record<string, string>;
  /** Ask for these fileIDs' URLs (known or in-flight ones are skipped). */
  want: (fileIDs: ReadonlyArray<string | null | undefined>) => void;
}

const fetchedAt = new Map<string, number>();
const inFlight = new Set<string>();
let queued = new Set<string>();
let scheduled = false;

export const usePhotos = create<PhotosState>((set, get) => {
  const flush = async () => {
    scheduled = false;
    const ids = [...queued];
    queued = new Set();
    if (!ids.length) return;
    ids.forEach((id) => inFlight.add(id));
    try {
      const got = await tempUrls(ids, MAX_AGE_S);
      const now = Date.now();
      for (const id of Object.keys(got)) {
        fetchedAt.delete(id); // re-inserted: the Map's order is the age order
        fetchedAt.set(id, now);
      }
      const urls = { ...get().urls, ...got };
      // Bounded: drop the oldest entries beyond MAX_KEPT.
      while (fetchedAt.size > MAX_KEPT) {
        const oldest = fetchedAt.keys().next().value as string;
        fetchedAt.delete(oldest);
        delete urls[oldest];
      }
      set({ urls });
    } catch {
      // A failed batch leaves those cards on their colour block; a later want (next page, next visit) retries.
    } finally {
      ids.forEach((id) => inFlight.delete(id));
    }
  };
  return {
    urls: {},
    want: (fileIDs) => {
      const now = Date.now();
      for (const id of fileIDs) {
        if (!id || inFlight.has(id) || queued.has(id)) continue;
        const at = fetchedAt.get(id);
        if (at !== undefined && now - at < REUSE_MS) continue;
        queued.add(id);
      }
      if (queued.size && !scheduled) {
        scheduled = true;
        setTimeout(() => void flush(), 0);
      }
    },
  };
});

/** The temporary URLs of these fileIDs as they arrive (asks for them once per change of the list). */
export function usePhotoUrls(fileIDs: readonly string[] | undefined): Array<string | undefined> {
  const key = (fileIDs ?? []).join('\n');
  useEffect(() => {
    if (key) usePhotos.getState().want(key.split('\n'));
  }, [key]);
  const urls = usePhotos((s) => s.urls);
  return (fileIDs ?? []).map((id) => urls[id]);
}
