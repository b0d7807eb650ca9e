/**
 * The contract (domain/api) binds handlers at compile time: `npm run typecheck` compiles this file, and
 * every `@ts-expect-error` below fails the build if the wrong handler it marks were ever accepted. The
 * handlers are never run (only their types matter), so nothing here touches a cloud SDK.
 */
import type { defineFunction } from '../../cloudfunctions/_lib/handler';
import type * as S from '../../domain/schemas';
import {
  ASSIST_ACTIONS,
  NO_MATCH_REASONS,
  ORDER_STATUSES,
  type ActionName,
  type OutputOf,
  type WireInput,
} from '../../domain/api';

declare const define: typeof defineFunction;
declare const flowersInput: typeof S.flowersInput;
declare const couponsInput: typeof S.couponsInput;

const balance = {
  balance: 1,
  given: 0,
  earnedToday: { donate: 0, quiz: 0, steps: 0 },
  caps: { donate: 1, quiz: 1, steps: 1 },
  history: [],
};

/** Declared only for the compiler: calling it would need the emulator. */
export function handlersForTheCompiler() {
  // Exactly the declared shapes: accepted.
  define({
    name: 'flowers',
    schema: flowersInput,
    actions: {
      async balance() {
        return balance;
      },
      async give(input) {
        return { given: true, projectId: input.projectId, balance: 0 };
      },
    },
  });

  define({
    name: 'flowers',
    schema: flowersInput,
    actions: {
      async balance() {
        return balance;
      },
      // @ts-expect-error an undeclared top-level field
      async give(input) {
        return { given: true, projectId: input.projectId, balance: 0, openid: 'leak' };
      },
    },
  });

  define({
    name: 'flowers',
    schema: flowersInput,
    actions: {
      // @ts-expect-error an undeclared field deep inside (history items)
      async balance() {
        return {
          ...balance,
          history: [
            { kind: 'earn' as const, source: 'quiz' as const, count: 1, projectId: null, at: '', openid: 'leak' },
          ],
        };
      },
      async give(input) {
        return { given: true, projectId: input.projectId, balance: 0 };
      },
    },
  });

  define({
    name: 'flowers',
    schema: flowersInput,
    actions: {
      async balance() {
        return balance;
      },
      // @ts-expect-error a declared field missing
      async give(input) {
        return { given: true, projectId: input.projectId };
      },
    },
  });

  define({
    name: 'coupons',
    schema: couponsInput,
    actions: {
      async list() {
        return { items: [] };
      },
      // @ts-expect-error a status outside the closed union
      async claim(input) {
        return { couponId: 'c', batchId: input.batchId, valueFen: 100, status: 'lost' as string };
      },
    },
  });

  define({
    name: 'coupons',
    schema: couponsInput,
    actions: {
      async list() {
        return { items: [] };
      },
      // @ts-expect-error an action the contract lacks (and `claim` is missing)
      async steal() {
        return {};
      },
    },
  });

  define({
    name: 'coupons',
    // @ts-expect-error a schema of another function
    schema: flowersInput,
    actions: {
      async list() {
        return { items: [] };
      },
      async claim() {
        return { couponId: '', batchId: '', valueFen: 0, status: 'used' as const };
      },
    },
  });
}

// The client's view of the same declarations.
type StepsToday = WireInput<'steps', 'today'>;
const today: StepsToday = { weRunData: { anything: 'a CloudID' } };
// @ts-expect-error `action` is the call's own argument, not part of the input
const withAction: WireInput<'coupons', 'claim'> = { action: 'claim', batchId: 'b' };
const status: OutputOf<'donate', 'status'>['status'] = 'refunding';
// @ts-expect-error not an order status
const badStatus: OutputOf<'donate', 'status'>['status'] = 'lost';
const actions: Array<ActionName<'admin'>> = ['refund', 'seal', 'exportRoots'];

describe('the wire contract', () => {
  it('is enforced by the compiler (this file type-checks)', () => {
    expect(typeof handlersForTheCompiler).toBe('function');
    expect([today, withAction, status, badStatus, actions]).toHaveLength(5);
  });

  it('derives its closed unions from runtime lists', () => {
    expect(ORDER_STATUSES).toContain(status);
    expect(NO_MATCH_REASONS).toContain('not_drawn');
    expect(ASSIST_ACTIONS).toEqual(['donate', 'quiz', 'flower']);
  });
});
