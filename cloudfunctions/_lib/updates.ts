/**
 * Progress updates (项目进展) as donors see them: text, date and the photos' temporary URLs (one batched
 * getTempFileURL for all of a project's photos; a photo whose file is gone is left out, not an error).
 */
import type { ProjectUpdateView } from '../../domain/api';
import type { ProjectDoc } from './collections';
import { tempUrls } from './files';

/** Newest first. */
export async function updatesView(updates: ProjectDoc['updates'] | undefined): Promise<ProjectUpdateView[]> {
  const list = [...(updates ?? [])].reverse();
  const ids = list.flatMap((u) => u.photos ?? []);
  const urls = ids.length ? await tempUrls(ids).catch(() => new Map<string, string>()) : new Map<string, string>();
  return list.map((u) => ({
    date: u.date,
    text: u.text,
    photos: (u.photos ?? []).map((f) => urls.get(f)).filter((x): x is string => !!x),
  }));
}
