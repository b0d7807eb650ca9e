/**
 * H5 pre-boot shell. The app's own JS (Taro's runtime, router and React: about 400 KB) takes over a second to run
 * on a mid-range phone before any page draws. This small script, inlined into index.html by config/h5Shell.ts,
 * asks for the home's first cards and campaign at once, paints the cards as soon as they come (paint.ts; the
 * campaign's banner fills in when its reply does), and only then starts the app's scripts, which the page has been
 * downloading meanwhile. The app reuses the cards' reply (services/prefetch), and
 * the shell steps aside when the app's home has drawn its own cards (utils/shell.h5.ts) or the app went elsewhere.
 */
import type { CampaignGetResult, CampaignView, ProjectCard, ProjectsListResult } from '@domain/api';
import { isErrorResult } from '@domain/errors';
import {
  CAMPAIGN_CALL,
  FIRST_PAGE_CALL,
  hashPath,
  isHomePath,
  postCall,
  putPrefetched,
  type WireReply,
} from '@/services/prefetch';
import { paintHome } from './paint';

declare global {
  interface Window {
    /** Appends the app's scripts in order (ES5, written into the page by config/h5Shell.ts). */
    __shellStartApp?: () => void;
    /** config/h5Shell.ts's safety net: starts the app if this script never ran (a browser that cannot parse it). */
    __shellFallback?: ReturnType<typeof setTimeout>;
  }
}

/** Boot the app without a picture if the first page takes longer than this. */
const PAINT_BUDGET_MS = 1500;
/** Never cover the app for longer than this, whatever happens to it. */
const MAX_COVER_MS = 15_000;

const onHome = () => isHomePath(hashPath(window.location.hash));

let booted = false;
function bootApp(): void {
  if (booted) return;
  booted = true;
  clearTimeout(window.__shellFallback);
  window.__shellStartApp?.();
}

const resultOf = <T>(reply: WireReply): T | null =>
  reply.ok && reply.body?.result && !isErrorResult(reply.body.result) ? (reply.body.result as T) : null;

/** Resolves once the body is parsed (the shell runs in the head, before the stylesheet, to ask at once). */
const bodyReady = (): Promise<void> =>
  document.readyState === 'loading'
    ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }))
    : Promise.resolve();

/** Boot once the picture has reached the screen (one frame), before the app's long first task blocks it. */
const bootAfterFrame = () => void bodyReady().then(() => requestAnimationFrame(() => setTimeout(bootApp, 0)));

function start(): void {
  clearTimeout(window.__shellFallback); // the shell runs: it boots the app itself
  if (!onHome()) return void bodyReady().then(bootApp);
  const cards = postCall(...FIRST_PAGE_CALL);
  putPrefetched(...FIRST_PAGE_CALL, cards);
  const campaignReply = postCall(...CAMPAIGN_CALL);
  const timer = setTimeout(() => void bodyReady().then(bootApp), PAINT_BUDGET_MS);
  let campaign: CampaignView | null = null;
  let painted: { root: HTMLElement; items: ProjectCard[] } | null = null;

  // The cards paint as soon as they come: the campaign (banner, colours) fills in when its reply does.
  Promise.all([cards, bodyReady()])
    .then(([reply]) => {
      const page = resultOf<ProjectsListResult>(reply);
      const root = document.getElementById('shell');
      if (booted || !onHome() || !page || page.items.length === 0 || !root) return;
      paintHome(root, campaign, page.items);
      painted = { root, items: page.items };
      // Leaving the home before the app is up (a card's link): the shell is not that page.
      window.addEventListener('hashchange', () => !onHome() && root.remove());
      setTimeout(() => root.remove(), MAX_COVER_MS);
    })
    .catch(() => undefined)
    .finally(() => {
      clearTimeout(timer);
      bootAfterFrame();
    });
  campaignReply
    .then((reply) => {
      campaign = resultOf<CampaignGetResult>(reply)?.campaign ?? null;
      if (campaign && painted?.root.isConnected) paintHome(painted.root, campaign, painted.items);
    })
    .catch(() => undefined);
}

try {
  start();
} catch {
  void bodyReady().then(bootApp);
}
