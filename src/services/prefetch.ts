/**
 * Replies fetched before the app booted (H5: by the pre-boot shell, src/shell), handed to the app's first
 * identical call instead of asking again. Shared by both sides, so what the shell asks is what the stores ask.
 */

/** One `POST /api/<fn>` as the H5 transport sees it. */
export interface WireReply {
  ok: boolean;
  status: number;
  body: { result?: unknown; error?: { code: never; message: string } } | null;
}

/** The session home's page path (the app config's first page). */
const HOME_PATH = 'pages/index/index';

/** Whether a page path (no leading slash, no query; '' = the app's first page) is the home. */
export const isHomePath = (path: string): boolean => path === '' || path === HOME_PATH;

/** The page path of an H5 hash route: "#/pages/index/index?x=1" → "pages/index/index". */
export const hashPath = (hash: string): string => hash.replace(/^#\/?/, '').split('?')[0];

/** The home's first page of cards (the projects store pages by the same size). */
export const FIRST_PAGE_SIZE = 20;

/** The home's first page of cards in the default order: the projects store's first call, word for word. */
export const FIRST_PAGE_CALL = ['projects', { action: 'list', sort: 'hot', limit: FIRST_PAGE_SIZE }] as const;
/**
 * The campaign, for the shell's banner only: the campaign store asks again, because it sets the countdown's clock
 * from the reply's round trip, and a reply fetched before the boot would skew it by the boot's length.
 */
export const CAMPAIGN_CALL = ['campaign', { action: 'get' }] as const;

type Registry = Record<string, Promise<WireReply> | undefined>;
const registry = (): Registry => ((globalThis as { __shanxingPrefetch?: Registry }).__shanxingPrefetch ??= {});

/** The same call whatever the order of its fields. */
export const callKey = (fn: string, data: Record<string, unknown>): string =>
  `${fn}:${JSON.stringify(
    Object.keys(data)
      .sort()
      .map((k) => [k, data[k]]),
  )}`;

export function putPrefetched(fn: string, data: Record<string, unknown>, reply: Promise<WireReply>): void {
  registry()[callKey(fn, data)] = reply;
}

/** The prefetched reply of this exact call, once (later calls go to the network: data moves on). */
export function takePrefetched(fn: string, data: Record<string, unknown>): Promise<WireReply> | undefined {
  const key = callKey(fn, data);
  const reply = registry()[key];
  delete registry()[key];
  return reply;
}

/** POST one call to the local CloudBase's HTTP door (H5). */
export async function postCall(fn: string, data: Record<string, unknown>, openId = ''): Promise<WireReply> {
  const res = await fetch(`/api/${fn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(openId ? { 'X-OpenId': openId } : {}) },
    credentials: 'same-origin',
    body: JSON.stringify({ data }),
  });
  const body = (await res.json().catch(() => null)) as WireReply['body'];
  return { ok: res.ok, status: res.status, body };
}
