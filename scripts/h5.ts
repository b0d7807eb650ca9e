/**
 * The H5 build of the app (dist/h5), shared by `npm start` and the end-to-end tests: is it missing or
 * older than its sources, and build it.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { H5_DIR, REPO } from './paths';

/** What the H5 bundle is built from. */
export const H5_SOURCES = ['src', 'domain', 'config'];

export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist/h5/index.html is missing or older than any file under src/, domain/ or config/. */
export function h5IsStale(): boolean {
  const index = join(H5_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return H5_SOURCES.some((d) => newestMtime(join(REPO, d)) > built);
}

/** `taro build --type h5` into dist/h5 (about a minute). Quiet mode keeps the output unless it fails. */
export function buildH5({ quiet = false }: { quiet?: boolean } = {}): void {
  try {
    execSync('npx taro build --type h5', { cwd: REPO, stdio: quiet ? 'pipe' : 'inherit', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    if (quiet) process.stderr.write(`${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
    throw new Error('taro build --type h5 failed');
  }
}

/** Build dist/h5 unless it is up to date; returns whether it built. */
export function ensureH5(opts: { quiet?: boolean } = {}): boolean {
  if (!h5IsStale()) return false;
  buildH5(opts);
  return true;
}
