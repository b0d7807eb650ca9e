/** `boards`: a campaign's leaderboards (districts, organisations, projects by domain, teams, inviters). */
import { boardsInput } from '../../../domain/schemas';
import { defineFunction } from '../../_lib/handler';
import { getBoard } from '../../_lib/boards';

export const main = defineFunction({
  name: 'boards',
  schema: boardsInput,
  actions: {
    async get(input, ctx) {
      return getBoard(input, ctx.nowMs);
    },
  },
});
