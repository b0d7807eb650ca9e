/**
 * End-to-end support: the H5 build served by a seeded emulator (real functions, real wx-server-sdk),
 * driven by the system Chromium through playwright-core. Never downloads a browser: without one the
 * suites are skipped with a message, or fail when CI is set.
 *
 * The H5 bundle is built once per jest run by `globalSetup.ts` (only when dist/h5 is missing or stale).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestEmulator, REPO, type TestEmulator } from '../helpers/emulator';
import { seedInto } from '../../scripts/seed';
import { DEMO_DATE } from '../../scripts/seed-docs';
import { H5_DIR } from '../../scripts/paths';
import { CHROMIUM_LOOKED_AT, findChromium } from './chromium';
import { beijingMs } from '../../domain/time';

export const SCREENSHOT_DIR = path.join(REPO, '.tmp', 'e2e');
/** A session day (2022-04-27..29) every flow runs on. */
export const SESSION_DAY = DEMO_DATE;

export { findChromium };
export const CHROMIUM = findChromium();
const SKIP_MESSAGE =
  `e2e: no Chromium executable found (looked at ${CHROMIUM_LOOKED_AT}; set CHROMIUM_PATH). ` +
  'Skipping the browser tests (install the Debian "chromium" package to run them).';

/**
 * `describe` for a browser suite: skipped with a clear message when there is no Chromium, except under CI
 * where a missing browser is a failure.
 */
export function describeE2E(name: string, fn: () => void): void {
  if (CHROMIUM) return describe(name, fn);
  if (process.env.CI) {
    describe(name, () => {
      test('Chromium is available', () => {
        throw new Error(SKIP_MESSAGE.replace('Skipping', 'CI is set, so this fails instead of skipping'));
      });
    });
    return;
  }
  console.warn(SKIP_MESSAGE);
  describe.skip(name, fn);
}

export interface OpenOptions {
  /** The dev identity: sent as the emulator's `sx_openid` cookie (what the bridge falls back to). */
  openid?: string;
}

export interface E2E {
  t: TestEmulator;
  url: string;
  browser: Browser;
  /** Pin the emulator clock to a Beijing wall time on a session day (frozen unless `running`). */
  at(hhmm: string, opts?: { date?: string; running?: boolean }): number;
  /** A fresh browser context (its own storage, cookies) with one page, phone-sized. */
  open(opts?: OpenOptions): Promise<{ context: BrowserContext; page: Page }>;
  /** Full-page screenshot into .tmp/e2e/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** App URL for a hash route ("/pkg-project/detail/index?id=p001" → http://…/#/pkg-project/detail/index?id=p001). */
export const route = (base: string, hashPath: string) =>
  `${base}/#${hashPath.startsWith('/') ? hashPath : `/${hashPath}`}`;

export async function startE2E(): Promise<E2E> {
  if (!CHROMIUM) throw new Error(SKIP_MESSAGE);
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(
      'dist/h5 is missing: run the e2e tests through jest (globalSetup builds it) or `npx taro build --type h5`',
    );
  }
  // Settings/catalog caches off: a test may change campaign documents under warm function instances.
  process.env.SHANXING_CACHE_TTL_MS = '0';
  const t = await startTestEmulator({
    staticDir: H5_DIR,
    payRetryScale: 0.001,
    defaultClock: { mode: 'shift', date: SESSION_DAY },
  });
  // Chongqing only until the functions key their documents by campaign (they read whole collections today).
  await seedInto(t.emulator.db, { campaigns: ['cq2022'], storage: t.emulator.storage });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
  } catch (err) {
    await t.stop();
    throw err;
  }
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const contexts: BrowserContext[] = [];

  const e2e: E2E = {
    t,
    url: t.url,
    browser,
    at(hhmm, { date = SESSION_DAY, running = false } = {}) {
      const ms = beijingMs(date, hhmm);
      t.emulator.setClock({ now: ms, frozen: !running });
      return ms;
    },
    async open({ openid } = {}) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      if (openid) {
        const { hostname } = new URL(t.url);
        await context.addCookies([{ name: 'sx_openid', value: openid, domain: hostname, path: '/' }]);
      }
      const page = await context.newPage();
      // Surface app crashes in the jest output (a blank page is otherwise hard to explain).
      page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
      return { context, page };
    },
    async screenshot(page, name) {
      await settled(page);
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await t.stop();
    },
  };
  return e2e;
}

/** Wait for page-transition animations (Taro H5 slides pages in) to finish; endless ones (spinners) are ignored. */
export async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(100);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.waitForTimeout(50);
}

/** Pay the open H5 confirm sheet (the emulator's WeChat Pay stand-in). */
export async function confirmPay(page: Page): Promise<void> {
  const sheet = page.locator('.pay-confirm');
  await sheet.waitFor();
  await sheet.getByRole('button', { name: '确认支付' }).click();
}

/**
 * Open the donate sheet on a project page, pick 1 yuan and pay it; resolves on the result page with the
 * order id. `beforePay` runs while the pay sheet is up (e.g. a screenshot).
 */
export async function donateOneYuan(
  page: Page,
  { beforePay }: { beforePay?: () => Promise<unknown> } = {},
): Promise<string> {
  await page.locator('.donate-button').click();
  const sheet = page.locator('.donate-sheet');
  await sheet.waitFor();
  await sheet.locator('.amount-preset[data-fen="100"]').click();
  await sheet.locator('.amount-preset--active[data-fen="100"]').waitFor();
  await sheet.locator('.donate-submit').click();
  await page.locator('.pay-confirm .pay-confirm__amount', { hasText: '¥1.00' }).waitFor();
  await beforePay?.();
  await confirmPay(page);
  await page.waitForURL(/pkg-donate\/result\/index\?orderId=/);
  const orderId = new URL(page.url().replace('/#/', '/')).searchParams.get('orderId');
  if (!orderId) throw new Error(`no orderId in ${page.url()}`);
  return decodeURIComponent(orderId);
}
