/**
 * Builds the Taro components listed for `taro build native-components` into .tmp/ (git-ignored) once,
 * so a clean clone needs no extra step: `npm ci && npm test` works.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const NATIVE_OUT = path.join(ROOT, '.tmp/native-components');

/** Newest mtime among the sources that feed the native build. */
function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const full = path.join(dir, e.name);
    const t = e.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs;
    return Math.max(max, t);
  }, 0);
}

export function ensureNativeComponents(): string {
  const marker = path.join(NATIVE_OUT, 'components/ProgressBar/index.js');
  const stale =
    !fs.existsSync(marker) ||
    fs.statSync(marker).mtimeMs < Math.max(newestSource(path.join(ROOT, 'src/components')), newestSource(path.join(ROOT, 'domain')));
  if (stale) {
    fs.rmSync(NATIVE_OUT, { recursive: true, force: true });
    execFileSync(process.execPath, [createRequire(__filename).resolve('@tarojs/cli/bin/taro'), 'build', 'native-components', '--type', 'weapp'], {
      cwd: ROOT,
      // jest sets NODE_ENV=test, which would switch babel to its Node preset; the build needs Taro's.
      env: { ...process.env, NODE_ENV: 'production', SHANXING_NATIVE_OUT: '.tmp/native-components' },
      stdio: 'pipe',
      timeout: 90_000,
    });
  }
  return NATIVE_OUT;
}
