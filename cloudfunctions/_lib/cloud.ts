/**
 * The one place functions touch wx-server-sdk: init once per instance, hand out db and context.
 * In production CloudBase fills the context; locally the emulator does, through the same SDK.
 */
import cloud from 'wx-server-sdk';

let initialised = false;

export function sdk(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, throwOnNotFound: false });
    initialised = true;
  }
  return cloud;
}

export const db = () => sdk().database({ throwOnNotFound: false });
export const cmd = () => db().command;

export interface CallerContext {
  openid: string | null;
  source: string;
  clientIp: string;
  appid: string;
}

/** Caller identity comes only from the cloud context, never from the event. */
export function callerContext(): CallerContext {
  const ctx = sdk().getWXContext();
  return {
    openid: ctx.OPENID ? String(ctx.OPENID) : null,
    source: ctx.SOURCE ?? 'unknown',
    clientIp: ctx.CLIENTIP ? String(ctx.CLIENTIP) : '127.0.0.1',
    appid: ctx.APPID ? String(ctx.APPID) : '',
  };
}

/** Error text of a duplicate `_id` insert (CloudBase and the emulator both say "duplicate"). */
export const isDuplicateKey = (err: unknown): boolean =>
  /duplicate|E11000|already exists/i.test(String((err as Error)?.message ?? err));
