/**
 * `npm run bench:h5`: the H5 home on a mid-range phone. Serves dist/h5 from a seeded emulator (as `npm start`
 * does), loads the home cold 5 times in headless Chromium (system binary, 390×844, 4× CPU throttling through
 * CDP `Emulation.setCPUThrottlingRate`) and measures when the first project card is visible (performance.now()
 * of the first animation frame that shows one) and the DOM node count once the home has settled.
 * Last line: JSON `{firstCardMs (median), domNodes (max), …}`. Needs `npm run build:h5` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import '../tests/setup/quiet-sdk.js';
import { startTestEmulator } from '../tests/helpers/emulator';
import { findChromium } from '../tests/e2e/chromium';
import { seedInto } from '../scripts/seed';
import { DEMO_DATE } from '../scripts/seed-docs';
import { H5_DIR } from '../scripts/paths';

const RUNS = Number(process.env.BENCH_H5_RUNS ?? 5);
const CPU_RATE = Number(process.env.BENCH_H5_CPU ?? 4);
const TARGET_MS = 800;
const NODE_LIMIT = 1000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs in the page before its scripts: note the first frame where a project card has a box on screen — the
 * pre-boot shell's (.shell-card) or the app's own (.project-card) — and, apart, the first frame of the app's own
 * card once the shell is gone (when the home answers taps).
 */
const OBSERVE = `(() => {
  const onScreen = (sel) => {
    const card = document.querySelector(sel);
    const box = card && card.getBoundingClientRect();
    return !!box && box.width > 0 && box.height > 0 && box.top < innerHeight;
  };
  const tick = () => {
    const now = performance.now();
    const card = onScreen('.shell-card') || onScreen('.project-card');
    if (window.__firstCardMs === undefined && card) window.__firstCardMs = now;
    const appCard = !document.getElementById('shell') && onScreen('.project-card');
    if (window.__appCardMs === undefined && appCard) window.__appCardMs = now;
    if (window.__appCardMs === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function main(): Promise<void> {
  const exe = findChromium();
  if (!exe) throw new Error('bench:h5 needs a system Chromium (/usr/bin/chromium or CHROMIUM_PATH)');
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5');
  const t = await startTestEmulator({ staticDir: H5_DIR, defaultClock: { mode: 'shift', date: DEMO_DATE } });
  await seedInto(t.emulator.db, { campaigns: ['cq2022'], storage: t.emulator.storage });
  const browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const runs: Array<{
    firstCardMs: number;
    appCardMs: number;
    domNodes: number;
    jsTransferKB: number;
    jsDecodedKB: number;
  }> = [];
  try {
    // One warm-up load so every run finds the functions' instances warm (the phone's network is not measured).
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
      await page.addInitScript(OBSERVE);
      await page.goto(`${t.url}/`);
      await page.waitForFunction(() => (window as any).__appCardMs !== undefined, null, { timeout: 60_000 });
      await page.waitForTimeout(1500); // let the home settle (stats, the rest of the first page)
      const m = await page.evaluate(() => {
        const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) =>
          /\.js(\?|$)/.test(r.name),
        );
        return {
          firstCardMs: Math.round((window as any).__firstCardMs as number),
          appCardMs: Math.round((window as any).__appCardMs as number),
          domNodes: document.getElementsByTagName('*').length,
          jsTransferKB: Math.round(js.reduce((s, r) => s + r.transferSize, 0) / 1024),
          jsDecodedKB: Math.round(js.reduce((s, r) => s + r.decodedBodySize, 0) / 1024),
        };
      });
      if (i > 0) runs.push(m);
      console.log(`${i === 0 ? 'warm-up' : `run ${i}`}: ${JSON.stringify(m)}`);
      await context.close();
      // Let the closed page's teardown finish: each load starts on an idle machine, as a phone's would.
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await browser.close();
    await t.stop();
  }
  const firstCardMs = median(runs.map((r) => r.firstCardMs));
  const appCardMs = median(runs.map((r) => r.appCardMs));
  const domNodes = Math.max(...runs.map((r) => r.domNodes));
  console.log(
    JSON.stringify({
      firstCardMs,
      domNodes,
      runsMs: runs.map((r) => r.firstCardMs),
      appCardMs,
      cpuThrottling: CPU_RATE,
      jsTransferKB: runs[0]?.jsTransferKB,
      jsDecodedKB: runs[0]?.jsDecodedKB,
      targetMs: TARGET_MS,
      meetsTarget: firstCardMs <= TARGET_MS && domNodes < NODE_LIMIT,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
