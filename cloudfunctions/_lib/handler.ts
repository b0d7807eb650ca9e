/**
 * Thin-handler scaffold shared by every function: take the caller from the cloud context, refuse
 * client-supplied identity, validate the event with the action's zod schema, run the action, and turn
 * DomainErrors into `{ error: { code, message } }` so bad input changes nothing and says why.
 */
import type { ZodType } from 'zod';
import { DomainError, ErrorCode, type ApiError } from '../../domain/errors';
import { callerContext, type CallerContext } from './cloud';
import { now } from './clock';

export interface ActionContext extends CallerContext {
  /** Time of this invocation (injected clock). */
  nowMs: number;
}

export interface AuthedContext extends ActionContext {
  openid: string;
}

type ActionFn = (input: any, ctx: AuthedContext) => Promise<unknown>;

interface FunctionSpec<I extends { action: string }> {
  name: string;
  schema: ZodType<I>;
  actions: { [K in I['action']]: (input: Extract<I, { action: K }>, ctx: AuthedContext) => Promise<unknown> };
  /** Actions callable without an openid (e.g. timer triggers). */
  anonymous?: Array<I['action']>;
}

/** Fields the platform adds (`userInfo`) or that a client must never send (its own identity). */
const PLATFORM_KEYS = ['userInfo'];
const IDENTITY_KEYS = ['openid', 'openId', 'OPENID', '_openid', 'unionid', 'subOpenid'];

export const fail = (code: ErrorCode, message?: string): { error: ApiError } => ({
  error: { code, message: message ?? code },
});

export function stripPlatformKeys(event: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...event };
  for (const k of PLATFORM_KEYS) delete copy[k];
  return copy;
}

export function defineFunction<I extends { action: string }>(spec: FunctionSpec<I>) {
  return async function main(event: Record<string, unknown> = {}): Promise<unknown> {
    const ctx = { ...callerContext(), nowMs: now() };
    const input = stripPlatformKeys(event ?? {});
    if (IDENTITY_KEYS.some((k) => k in input)) {
      return fail(ErrorCode.CLIENT_OPENID_REJECTED, 'identity comes from the WeChat context, not the request');
    }
    const parsed = spec.schema.safeParse(input);
    if (!parsed.success) {
      const action = typeof input.action === 'string' ? input.action : undefined;
      if (action && !(action in spec.actions)) return fail(ErrorCode.UNKNOWN_ACTION, `unknown action ${action}`);
      const issue = parsed.error.issues[0];
      return fail(ErrorCode.INVALID_INPUT, `${issue.path.join('.') || 'event'}: ${issue.message}`);
    }
    const data = parsed.data;
    const needsUser = !(spec.anonymous ?? []).includes(data.action);
    if (needsUser && !ctx.openid) return fail(ErrorCode.UNAUTHENTICATED, 'no caller openid');
    const run = (spec.actions as Record<string, ActionFn>)[data.action];
    try {
      return await run(data, ctx as AuthedContext);
    } catch (err) {
      if (err instanceof DomainError) return fail(err.code, err.message);
      throw err; // unexpected: let the platform record the failure (and retry where it retries)
    }
  };
}
