/**
 * Builds the components listed in config/nativeComponents.ts with `taro build native-components` into
 * .tmp/ (git-ignored), so a clean clone needs no extra step: `npm ci && npm test` works.
 * Run once per jest run from globalSetup, so parallel workers never build into the same folder.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { NATIVE_COMPONENTS } from '../../config/nativeComponents';

export const ROOT = path.resolve(__dirname, '../..');
export const NATIVE_OUT = path.join(ROOT, '.tmp/native-components');

/** Newest mtime among the files under dir (or of dir itself when it is a file). */
function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newest(path.join(p, name))), 0);
}

/**
 * Stale when any listed component has no output yet (a newly listed one included) or its output is older
 * than anything it may import: components pull in src/utils and domain/, the list and build options live
 * in src/app.config.ts and config/.
 */
export function nativeIsStale(): boolean {
  const sourcesAt = Math.max(...['src', 'domain', 'config'].map((d) => newest(path.join(ROOT, d))));
  return NATIVE_COMPONENTS.some((c) => {
    const out = path.join(NATIVE_OUT, `${c}.js`);
    return !fs.existsSync(out) || fs.statSync(out).mtimeMs < sourcesAt;
  });
}

export function ensureNativeComponents(): string {
  if (!nativeIsStale()) return NATIVE_OUT;
  fs.rmSync(NATIVE_OUT, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [createRequire(__filename).resolve('@tarojs/cli/bin/taro'), 'build', 'native-components', '--type', 'weapp'],
    {
      cwd: ROOT,
      // jest sets NODE_ENV=test, which would switch babel to its Node preset; the build needs Taro's.
      env: { ...process.env, NODE_ENV: 'production', SHANXING_NATIVE_OUT: '.tmp/native-components' },
      stdio: 'pipe',
      timeout: 90_000,
    },
  );
  const missing = NATIVE_COMPONENTS.filter((c) => !fs.existsSync(path.join(NATIVE_OUT, `${c}.js`)));
  if (missing.length) throw new Error(`taro build native-components did not emit ${missing.join(', ')}`);
  return NATIVE_OUT;
}
