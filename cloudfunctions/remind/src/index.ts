/**
 * `remind`: 配捐开启提醒. `subscribe` stores the caller's subscription for the next match opening; the
 * timer trigger (every minute, config.json) sends the due ones (cloudfunctions/_lib/reminders.ts).
 */
import { remindInput } from '../../../domain/schemas';
import { ErrorCode } from '../../../domain/errors';
import { callerContext } from '../../_lib/cloud';
import { now } from '../../_lib/clock';
import { defineFunction, fail } from '../../_lib/handler';
import { runReminders, subscribe } from '../../_lib/reminders';

const actions = defineFunction({
  name: 'remind',
  schema: remindInput,
  actions: {
    async subscribe(input, ctx) {
      return subscribe(ctx.openid, input.campaignId, ctx.nowMs);
    },
  },
});

export async function main(event: Record<string, unknown> = {}): Promise<unknown> {
  const ctx = callerContext();
  if (ctx.source === 'wx_trigger' || event?.Type === 'Timer') {
    if (ctx.source !== 'wx_trigger') return fail(ErrorCode.FORBIDDEN_SOURCE, 'timer events come from the trigger only');
    return runReminders(now());
  }
  return actions(event);
}
