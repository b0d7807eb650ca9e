/** `share`: the share poster's mini-program code for one of the caller's paid donations (_lib/poster.ts). */
import { shareInput } from '../../../domain/schemas';
import { defineFunction } from '../../_lib/handler';
import { posterCode } from '../../_lib/poster';

export const main = defineFunction({
  name: 'share',
  schema: shareInput,
  actions: {
    async poster(input, ctx) {
      return posterCode(ctx.openid, input.orderId, ctx.nowMs);
    },
  },
});
