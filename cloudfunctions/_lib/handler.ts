/**
 * Thin-handler scaffold shared by every function: take the caller from the cloud context, refuse
 * client-supplied identity, validate the event with the action's zod schema, run the action, and turn
 * DomainErrors into `{ error: { code, message } }` so bad input changes nothing and says why.
 */
import type { ZodType } from 'zod';
import { DomainError, ErrorCode } from '../../domain/errors';
import type { ActionFunctionName, ActionName, Failure, FunctionInput, InputOf, OutputOf } from '../../domain/api';
import { callerContext, type CallerContext } from './cloud';
import { now } from './clock';
import { isTxConflict } from './moneyTx';
import { campaignOfInput, inCampaign } from './campaign';
import { recordFunctionError } from './anomalies';

export interface ActionContext extends CallerContext {
  /** Time of this invocation (injected clock). */
  nowMs: number;
}

export interface AuthedContext extends ActionContext {
  openid: string;
}

type ActionFn = (input: unknown, ctx: AuthedContext) => Promise<unknown>;

/** Each declared action of F, taking its declared input and promising its declared output (domain/api). */
type Actions<F extends ActionFunctionName> = {
  [K in ActionName<F>]: (input: InputOf<F, K>, ctx: AuthedContext) => Promise<OutputOf<F, K>>;
};

/**
 * A returned type may be assignable to the declared one and still carry more (tsc checks excess fields
 * only on annotated literals): the dotted paths of fields G has and D does not declare, never if none.
 */
type Undeclared<D, G, P extends string = ''> = 0 extends (1 & G) | (1 & D)
  ? never // `any` on either side: nothing to check
  : G extends readonly (infer E)[]
    ? Undeclared<D extends readonly (infer DE)[] ? DE : never, E, `${P}[].`>
    : G extends object
      ? {
          [Key in keyof G & string]: Key extends KeysOf<D>
            ? Undeclared<PropOf<D, Key>, G[Key], `${P}${Key}.`>
            : `${P}${Key}`;
        }[keyof G & string]
      : never;
type KeysOf<D> = D extends object ? keyof D : never;
type PropOf<D, Key> = D extends object ? (Key extends keyof D ? D[Key] : never) : never;

/** What a handler's action set must also be: no action the contract lacks, no undeclared returned field. */
type Exact<F extends ActionFunctionName, A> = {
  [K in keyof A]: K extends ActionName<F>
    ? A[K] extends (...args: never[]) => Promise<infer R>
      ? [Undeclared<OutputOf<F, K>, R>] extends [never]
        ? unknown
        : { 'returns a field its contract does not declare': Undeclared<OutputOf<F, K>, R> }
      : unknown
    : { 'is not an action of the contract': K };
};

interface FunctionSpec<F extends ActionFunctionName, A extends Actions<F>> {
  /** The function's name in `Contract` (domain/api): picks the actions and their types. */
  name: F;
  schema: ZodType<FunctionInput<F>>;
  actions: A & Exact<F, A>;
  /** Actions callable without an openid (e.g. timer triggers). */
  anonymous?: Array<ActionName<F>>;
}

/** Fields the platform adds (`userInfo`) or that a client must never send (its own identity). */
const PLATFORM_KEYS = ['userInfo'];
const IDENTITY_KEYS = ['openid', 'openId', 'OPENID', '_openid', 'unionid', 'subOpenid'];

export const fail = (code: ErrorCode, message?: string): Failure => ({
  error: { code, message: message ?? code },
});

export function stripPlatformKeys(event: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...event };
  for (const k of PLATFORM_KEYS) delete copy[k];
  return copy;
}

/** F's `main`: what it answers is one of F's declared outputs or a Failure (callers narrow it). */
export function defineFunction<F extends ActionFunctionName, A extends Actions<F>>(spec: FunctionSpec<F, A>) {
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
    const data = parsed.data as { action: ActionName<F> };
    const needsUser = !(spec.anonymous ?? []).includes(data.action);
    if (needsUser && !ctx.openid) return fail(ErrorCode.UNAUTHENTICATED, 'no caller openid');
    const run = (spec.actions as Record<string, ActionFn>)[data.action];
    try {
      // Each action works in one campaign: the one its input's project, share or campaignId belongs to.
      const campaignId = await campaignOfInput(data as Record<string, unknown>);
      const act = () => run(data, ctx as AuthedContext);
      return await (campaignId ? inCampaign(campaignId, act) : act());
    } catch (err) {
      if (err instanceof DomainError) return fail(err.code, err.message);
      // Every retry lost to first-writer-wins (a burst on one hot document): the losing transaction wrote
      // nothing (steps committed before it stand and are finished idempotently), so the caller may try again.
      if (isTxConflict(err)) return fail(ErrorCode.CONFLICT, '当前参与人数较多，请稍后重试');
      // Unexpected: one bounded anomaly row per function, code and minute for staff (recording never fails
      // the call), then let the platform record the failure (and retry where it retries).
      await recordFunctionError(spec.name, data.action, err, ctx.nowMs);
      throw err;
    }
  };
}
