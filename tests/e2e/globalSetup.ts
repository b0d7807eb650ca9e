/**
 * Jest globalSetup of the e2e project: build the H5 app once per run, only when dist/h5 is missing or
 * older than src/, domain/ or config/ (same rule as `npm start`). Skipped when there is no Chromium
 * (the suites then skip, or fail under CI) or when SKIP_H5_BUILD=1.
 */
import { ensureH5, h5IsStale } from '../../scripts/h5';
import { findChromium } from './chromium';

export default async function globalSetup(): Promise<void> {
  if (!findChromium()) return;
  if (process.env.SKIP_H5_BUILD === '1' || !h5IsStale()) return;
  const started = Date.now();
  process.stdout.write('\ne2e: dist/h5 is missing or stale, building the H5 app (about a minute)…\n');
  ensureH5({ quiet: true });
  process.stdout.write(`e2e: H5 build done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
